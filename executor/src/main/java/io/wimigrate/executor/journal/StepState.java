package io.wimigrate.executor.journal;

/** Where a step stands, as its latest journal entry says. */
public enum StepState {
    /** Prior state recorded, mutation under way or interrupted: the next apply resumes it. */
    STARTED,
    APPLIED,
    FAILED,
    /** A step for a person: its instruction was printed; apply waits for {@code --ack-manual}. */
    MANUAL_PENDING,
    /** Rollback recorded that it is undoing the step; a rollback run again reverts it again (idempotent). */
    REVERTING,
    REVERTED,
    REVERT_FAILED,
    /**
     * Not a step's state: {@code migrate finalize} purged the backup of a Secret a step had moved away, in an entry of
     * its own (step {@code finalize}); rollback can no longer restore that Secret.
     */
    PURGED;

    /** True when the step may have changed something that rollback must undo. */
    public boolean needsRevert() {
        return this == STARTED || this == APPLIED || this == FAILED || this == REVERTING || this == REVERT_FAILED;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
