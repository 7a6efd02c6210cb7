package io.wimigrate.scanner;

/** A cluster could not be reached or read as a whole (connection refused, TLS failure): exit code 1. */
public class ClusterAccessException extends RuntimeException {

    public ClusterAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
