package io.wimigrate.executor;

import io.wimigrate.executor.journal.JournalEntry;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.Step;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Where one step of a plan stands by its journal: what {@code migrate status} prints. */
public record StepStatus(int phase, String step, String action, String target, String state, Boolean changed,
                         String detail, String at, String by) {

    public static final String NOT_STARTED = "not-started";

    /** Every step of the plan in plan order, with its latest journal entry. */
    public static List<StepStatus> of(Plan plan, List<JournalEntry> journal) {
        Map<String, JournalEntry> latest = new HashMap<>();
        journal.forEach(entry -> latest.put(entry.step(), entry));
        return plan.steps().stream().map(step -> of(step, latest.get(step.id()))).toList();
    }

    private static StepStatus of(Step step, JournalEntry entry) {
        return entry == null
                ? new StepStatus(step.phase(), step.id(), step.action(), step.target().display(), NOT_STARTED, null,
                        null, null, null)
                : new StepStatus(step.phase(), step.id(), step.action(), step.target().display(),
                        entry.state().label(), entry.changed(), entry.detail(), entry.at(), entry.by());
    }
}
