package io.wimigrate.executor;

import io.wimigrate.executor.journal.Journal;
import io.wimigrate.executor.journal.JournalEntry;
import io.wimigrate.executor.journal.StepState;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.Step;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One rollback run: the steps the journal shows may have changed something, newest start first, one at a time, each
 * reverted from the prior state journaled before it ran. Each revert is journaled before and after, so a rollback
 * cut short is finished by running it again (reverts are idempotent). The first failure stops it.
 */
final class Rollback {

    /** The inverse of a check or a reuse: the step is marked reverted (so apply runs it again) without a handler. */
    private static final String NOTHING_TO_UNDO = "none";

    private final Plan plan;
    private final Journal journal;
    private final StepContext context;
    private final Function<Step, Bound<?>> binder;
    private final ExecutionListener listener;
    private final Supplier<String> leaseLost;
    private final JournalEntries entries;

    Rollback(Plan plan, Journal journal, StepContext context, Function<Step, Bound<?>> binder,
             ExecutionListener listener, Supplier<String> leaseLost, JournalEntries entries) {
        this.plan = plan;
        this.journal = journal;
        this.context = context;
        this.binder = binder;
        this.listener = listener;
        this.leaseLost = leaseLost;
        this.entries = entries;
    }

    RunOutcome run(int toPhase) {
        Map<String, Step> steps = plan.steps().stream().collect(Collectors.toMap(Step::id, Function.identity()));
        List<JournalEntry> undo = new ArrayList<>(journal.toRevert().stream()
                .filter(start -> start.phase() > toPhase).toList());
        Collections.reverse(undo);
        int done = 0;
        listener.progress(done, undo.size());
        for (JournalEntry start : undo) {
            String lost = leaseLost.get();
            if (lost != null) {
                return new RunOutcome(RunOutcome.Status.LEASE_LOST, done, undo.size(), List.of(lost),
                        "once the lease is free, run migrate rollback PLAN again");
            }
            Step step = steps.get(start.step());
            listener.started(step, false);
            journal.append(entries.entry(step, StepState.REVERTING, null));
            try {
                if (!NOTHING_TO_UNDO.equals(step.inverse().action())) {
                    binder.apply(step).revert(start.prior(), context);
                }
            } catch (RuntimeException e) {
                String reason = PhaseRunner.describe(e);
                journal.append(entries.entry(step, StepState.REVERT_FAILED, reason));
                listener.finished(step, StepState.REVERT_FAILED, reason);
                return new RunOutcome(RunOutcome.Status.FAILED, done, undo.size(), List.of(step.id() + " "
                        + step.action() + " " + step.target().display() + ": " + reason),
                        "fix the cause and run migrate rollback PLAN again: reverted steps are skipped");
            }
            String detail = binder.apply(step).handler() instanceof ManualStep<?>
                    ? "undo by hand: " + step.inverse().description() : step.inverse().description();
            journal.append(entries.entry(step, StepState.REVERTED, detail));
            listener.finished(step, StepState.REVERTED, detail);
            listener.progress(++done, undo.size());
        }
        return new RunOutcome(RunOutcome.Status.COMPLETED, done, undo.size(), List.of(), toPhase < 0
                ? "every step of the plan is undone" : "the phases after phase " + toPhase + " are undone");
    }
}
