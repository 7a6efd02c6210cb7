package io.wimigrate.scanner;

/** Input the user gave cannot be used (a malformed dump file, an unknown context): exit code 2. */
public class BadInputException extends RuntimeException {

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
