package io.wimigrate.executor.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One line of the journal: a step's state change. {@code prior} (on {@link StepState#STARTED}) is what rollback
 * restores; {@code outputs} (on {@link StepState#APPLIED}) are what later steps name as {@code $(<step id>.<key>)}.
 * {@code by} is the lease holder that wrote it. Never a secret value: {@link Journal} refuses a Secret's data.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JournalEntry(String step, String action, int phase, String target, StepState state, ObjectNode prior,
                           SortedMap<String, String> outputs, Boolean changed, String detail, String at, String by) {

    public JournalEntry {
        outputs = outputs == null || outputs.isEmpty() ? null : new TreeMap<>(outputs);
    }
}
