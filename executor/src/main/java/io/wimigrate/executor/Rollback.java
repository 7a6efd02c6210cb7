package io.wimigrate.executor;

import io.wimigrate.executor.journal.JournalEntry;
import io.wimigrate.executor.journal.StepState;
import io.wimigrate.executor.kube.SecretBackups;
import io.wimigrate.planner.model.Phase;
import io.wimigrate.planner.model.Step;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
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
        requireRestorable(undo, steps);
        Map<Integer, Long> perPhase = undo.stream().collect(Collectors.groupingBy(JournalEntry::phase,
                Collectors.counting()));
        Map<Integer, Integer> donePerPhase = new HashMap<>();
        int done = 0;
        for (JournalEntry start : undo) {
            String lost = run.leaseLost().get();
            if (lost != null) {
                return new RunOutcome(RunOutcome.Status.LEASE_LOST, done, undo.size(), List.of(lost),
                        "once the lease is free, run migrate rollback PLAN again");
            }
            Step step = steps.get(start.step());
            if (run.interrupted().getAsBoolean()) {
                return new RunOutcome(RunOutcome.Status.INTERRUPTED, done, undo.size(), List.of("stopped before"
                        + " reverting phase " + step.phase() + " " + step.id() + " " + step.action() + " "
                        + step.target().display()), "run migrate rollback PLAN again to resume: reverted steps are"
                        + " skipped");
            }
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
            done++;
            run.listener().progress(new RunProgress(step.phase(), phaseName(step.phase()),
                    donePerPhase.merge(step.phase(), 1, Integer::sum), perPhase.get(step.phase()).intValue(), done,
                    undo.size()));
        }
        return new RunOutcome(RunOutcome.Status.COMPLETED, done, undo.size(), List.of(), toPhase < 0
                ? "every step of the plan is undone" : "the phases after phase " + toPhase + " are undone");
    }

    private String phaseName(int phase) {
        return run.plan().phases().stream().filter(p -> p.phase() == phase).map(Phase::name).findFirst().orElse("");
    }

    /**
     * Refuses, before undoing anything, a rollback that would need a Secret which is gone with its backup (purged by
     * {@code migrate finalize}, or deleted by hand): it would otherwise stop halfway, the workloads' new credentials
     * removed and their old ones missing.
     */
    private void requireRestorable(List<JournalEntry> undo, Map<String, Step> steps) {
        Map<String, JournalEntry> purges = Finalization.purges(run.journal().entries());
        List<String> gone = new ArrayList<>();
        int lastPhase = -1;
        for (JournalEntry start : undo) {
            Step step = steps.get(start.step());
            for (BackedUpSecret secret : run.binder().apply(step).backedUpSecrets(start.prior())) {
                if (SecretBackups.restorable(run.context(), secret)) {
                    continue;
                }
                JournalEntry purge = purges.get(secret.display());
                gone.add(secret.display() + " (moved to a backup by " + step.id() + " " + step.action() + ", phase "
                        + step.phase() + "): its backup " + SecretBackups.backupName(secret) + (purge == null
                        ? " was deleted outside wimigrate" : " was purged by migrate finalize at " + purge.at()
                        + " (" + purge.by() + ")"));
                lastPhase = Math.max(lastPhase, step.phase());
            }
        }
        if (!gone.isEmpty()) {
            throw new PlanRefusedException("rollback is refused, nothing was undone: " + gone.size() + " Secret(s)"
                    + " it would restore are gone with their backups and can no longer be restored; recreate each by"
                    + " hand (same namespace, name and keys, from where its credential is issued), then run migrate"
                    + " rollback again" + (lastPhase < ApplyOptions.LAST_PHASE ? ", or undo only the phases after"
                    + " phase " + lastPhase + " with --to-phase " + lastPhase : ""), gone);
        }
    }
}
