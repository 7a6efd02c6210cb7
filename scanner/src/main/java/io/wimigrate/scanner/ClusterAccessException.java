package io.wimigrate.scanner;

/** The cluster could not be reached or refused the credentials as a whole: exit code 1. */
public class ClusterAccessException extends RuntimeException {

    public ClusterAccessException(String message) {
        super(message);
    }

    public ClusterAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
