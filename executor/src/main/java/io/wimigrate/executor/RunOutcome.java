package io.wimigrate.executor;

import java.util.List;

/**
 * How an apply or rollback ended: {@code done} of {@code total} steps are through, {@code problems} name the failed
 * steps (or the manual steps waited for), {@code next} says what to do now.
 */
public record RunOutcome(Status status, int done, int total, List<String> problems, String next) {

    public enum Status {
        COMPLETED,
        /** A step failed; the steps running beside it finished; the journal shows where each stands. */
        FAILED,
        /** Manual steps are pending; the phases after them were not started. */
        WAITING_FOR_MANUAL,
        /** The lease was lost (taken over after a stall); no step was started after that. */
        LEASE_LOST,
        /** The operator stopped it (Ctrl-C): the steps running then finished and were journaled; the lease is free. */
        INTERRUPTED
    }

    public RunOutcome {
        problems = List.copyOf(problems);
    }
}
