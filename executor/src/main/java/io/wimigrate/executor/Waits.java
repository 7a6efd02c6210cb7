package io.wimigrate.executor;

import java.time.Duration;

/** The pauses a step makes between tries; an interrupt ends the step. */
public final class Waits {

    private Waits() {
    }

    /** Sleeps {@code wait}; interrupted, fails the step saying what it was waiting {@code for} (e.g. "to retry"). */
    public static void sleep(Duration wait, String forWhat) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailedException("interrupted while waiting " + forWhat, e);
        }
    }
}
