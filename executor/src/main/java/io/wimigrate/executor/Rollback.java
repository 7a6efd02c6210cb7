package io.wimigrate.executor;

import io.wimigrate.executor.journal.JournalEntry;
import io.wimigrate.executor.journal.StepState;
import io.wimigrate.planner.model.Step;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One rollback run: the steps the journal shows may have changed something, newest start first, one at a time, each
 * reverted from the prior state journaled before it ran. Each revert is journaled before and after, so a rollback
 * cut short is finished by running it again (reverts are idempotent). The first failure stops it.
 */
final class Rollback {

    /** The inverse of a check or a reuse: the step is marked reverted (so apply runs it again) without a handler. */
    private static final String NOTHING_TO_UNDO = "none";

    private final Run run;

    Rollback(Run run) {
        this.run = run;
    }

    RunOutcome run(int toPhase) {
        Map<String, Step> steps = run.plan().steps().stream()
                .collect(Collectors.toMap(Step::id, Function.identity()));
        List<JournalEntry> undo = new ArrayList<>(run.journal().toRevert().stream()
                .filter(start -> start.phase() > toPhase).toList());
        Collections.reverse(undo);
        int done = 0;
        run.listener().progress(done, undo.size());
        for (JournalEntry start : undo) {
            String lost = run.leaseLost().get();
            if (lost != null) {
                return new RunOutcome(RunOutcome.Status.LEASE_LOST, done, undo.size(), List.of(lost),
                        "once the lease is free, run migrate rollback PLAN again");
            }
            Step step = steps.get(start.step());
            run.listener().started(step, false);
            run.journal().append(run.entries().entry(step, StepState.REVERTING, null));
            try {
                if (!NOTHING_TO_UNDO.equals(step.inverse().action())) {
                    run.binder().apply(step).revert(start.prior(), run.context());
                }
            } catch (RuntimeException e) {
                String reason = PhaseRunner.describe(e, run.context().kube());
                run.journal().append(run.entries().entry(step, StepState.REVERT_FAILED, reason));
                run.listener().finished(step, StepState.REVERT_FAILED, reason);
                return new RunOutcome(RunOutcome.Status.FAILED, done, undo.size(), List.of(step.id() + " "
                        + step.action() + " " + step.target().display() + ": " + reason),
                        "fix the cause and run migrate rollback PLAN again: reverted steps are skipped");
            }
            String detail = run.binder().apply(step).handler() instanceof ManualStep<?>
                    ? "undo by hand: " + step.inverse().description() : step.inverse().description();
            run.journal().append(run.entries().entry(step, StepState.REVERTED, detail));
            run.listener().finished(step, StepState.REVERTED, detail);
            run.listener().progress(++done, undo.size());
        }
        return new RunOutcome(RunOutcome.Status.COMPLETED, done, undo.size(), List.of(), toPhase < 0
                ? "every step of the plan is undone" : "the phases after phase " + toPhase + " are undone");
    }
}
