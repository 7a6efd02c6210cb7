package io.wimigrate.executor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.journal.JournalEntry;
import io.wimigrate.executor.journal.StepState;
import io.wimigrate.planner.model.Step;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SortedMap;

/** Journal entries of one run, stamped with the time and the lease holder. */
record JournalEntries(String holder, Clock clock) {

    JournalEntry started(Step step, ObjectNode prior) {
        return entry(step, StepState.STARTED, prior, null, null, null);
    }

    JournalEntry applied(Step step, Applied applied) {
        return entry(step, StepState.APPLIED, null, applied.outputs(), applied.changed(), applied.detail());
    }

    JournalEntry entry(Step step, StepState state, String detail) {
        return entry(step, state, null, null, null, detail);
    }

    private JournalEntry entry(Step step, StepState state, ObjectNode prior, SortedMap<String, String> outputs,
                               Boolean changed, String detail) {
        return new JournalEntry(step.id(), step.action(), step.phase(), step.target().display(), state, prior,
                outputs, changed, detail, Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString(), holder);
    }
}
