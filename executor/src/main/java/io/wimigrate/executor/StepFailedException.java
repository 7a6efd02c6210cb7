package io.wimigrate.executor;

/** A step could not be carried out; the message names the object, what went wrong, and the fix when one is known. */
public class StepFailedException extends RuntimeException {

    public StepFailedException(String message) {
        super(message);
    }

    public StepFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
