package io.wimigrate.executor;

import java.time.Instant;

/**
 * A Secret that a step of an applied plan moved to a backup, and where the backup stands for {@code migrate finalize}.
 * {@code at}: for {@link State#WAITING} when the grace period ends, for {@link State#PURGED} when it was purged.
 */
public record SecretBackupStatus(String step, BackedUpSecret secret, String backup, Instant backedUpAt, State state,
                                 String at) {

    public enum State {
        /** Younger than the grace period: kept. */
        WAITING,
        /** Older than the grace period: finalize purges it. */
        DUE,
        /** Purged by finalize, as the journal records. */
        PURGED,
        /** Gone, but not by finalize: deleted outside wimigrate. */
        MISSING;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    SecretBackupStatus purged(String when) {
        return new SecretBackupStatus(step, secret, backup, backedUpAt, State.PURGED, when);
    }
}
