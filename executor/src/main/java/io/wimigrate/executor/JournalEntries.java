package io.wimigrate.executor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.journal.JournalEntry;
import io.wimigrate.executor.journal.StepState;
import io.wimigrate.planner.model.Step;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Journal entries of one run, stamped with the time and the lease holder. */
record JournalEntries(String holder, Clock clock) {

    JournalEntry started(Step step, ObjectNode prior) {
        return entry(step, StepState.STARTED, prior, null, null, null);
    }

    JournalEntry applied(Step step, Applied applied) {
        return entry(step, StepState.APPLIED, null, applied.outputs(), applied.changed(), applied.detail());
    }

    /** The purge of a backup that {@code step} made, recorded before the backup is deleted. */
    JournalEntry purged(Step step, SecretBackupStatus backup) {
        return new JournalEntry(Finalization.STEP, Finalization.ACTION, step.phase(), backup.secret().display(),
                StepState.PURGED, null, new TreeMap<>(Map.of("step", step.id(), "backup", backup.backup(),
                        "backedUpAt", String.valueOf(backup.backedUpAt()))), true, "backup Secret "
                        + backup.secret().namespace() + "/" + backup.backup() + " purged by migrate finalize:"
                        + " rollback can no longer restore " + backup.secret().display(), now(), holder);
    }

    JournalEntry entry(Step step, StepState state, String detail) {
        return entry(step, state, null, null, null, detail);
    }

    private JournalEntry entry(Step step, StepState state, ObjectNode prior, SortedMap<String, String> outputs,
                               Boolean changed, String detail) {
        return new JournalEntry(step.id(), step.action(), step.phase(), step.target().display(), state, prior,
                outputs, changed, detail, now(), holder);
    }

    String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
