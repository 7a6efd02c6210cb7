package io.wimigrate.executor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.wimigrate.executor.journal.StepState;
import io.wimigrate.planner.model.Phase;
import io.wimigrate.planner.model.Step;
import io.wimigrate.scanner.cluster.Forbidden;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One apply run: phases in order, each a barrier; within a phase up to {@code parallelism} steps at once, as
 * {@link StepGraph} allows. The first failure stops new steps from starting; those running finish and are journaled.
 * A manual step not confirmed with {@code --ack-manual} is journaled as pending and its instruction printed; the other
 * steps of its phase still run, the later phases wait.
 */
final class PhaseRunner {

    private final Run run;
    private int done;
    private int total;

    PhaseRunner(Run run) {
        this.run = run;
    }

    RunOutcome run(ApplyOptions options) {
        List<Phase> phases = run.plan().phases().stream()
                .filter(p -> p.phase() >= options.firstPhase() && p.phase() <= options.lastPhase()).toList();
        total = phases.stream().mapToInt(p -> p.steps().size()).sum();
        done = (int) phases.stream().flatMap(p -> p.steps().stream()).filter(this::applied).count();
        run.listener().progress(done, total);
        for (Phase phase : phases) {
            RunOutcome stopped = runPhase(phase, options);
            if (stopped != null) {
                return stopped;
            }
        }
        return new RunOutcome(RunOutcome.Status.COMPLETED, done, total, List.of(), options.lastPhase()
                < ApplyOptions.LAST_PHASE ? "apply the next phase when ready: migrate apply PLAN --phase "
                + (options.lastPhase() + 1) : "verify: migrate verify PLAN");
    }

    /** Null when the phase is complete; otherwise how the run ends. */
    private RunOutcome runPhase(Phase phase, ApplyOptions options) {
        Map<String, List<String>> waitsFor = StepGraph.dependencies(phase.steps());
        Set<String> finished = new HashSet<>();
        Set<String> submitted = new HashSet<>();
        List<String> failures = new ArrayList<>();
        List<String> pendingManual = new ArrayList<>();
        String lost = null;
        Error crash = null;
        phase.steps().stream().filter(this::applied).forEach(step -> finished.add(step.id()));
        ExecutorService pool = Executors.newFixedThreadPool(options.parallelism(), runnable -> {
            Thread thread = new Thread(runnable, "wimigrate-step");
            thread.setDaemon(true);
            return thread;
        });
        CompletionService<StepState> completions = new ExecutorCompletionService<>(pool);
        Map<Future<StepState>, Step> running = new HashMap<>();
        try {
            while (true) {
                boolean stopping = !failures.isEmpty() || crash != null || lost != null;
                for (Step step : phase.steps()) {
                    if (stopping || running.size() >= options.parallelism()) {
                        break;
                    }
                    if (submitted.contains(step.id()) || finished.contains(step.id())
                            || !finished.containsAll(waitsFor.get(step.id()))) {
                        continue;
                    }
                    lost = run.leaseLost().get();
                    if (lost != null) {
                        break;
                    }
                    submitted.add(step.id());
                    Bound<?> bound = run.binder().apply(step);
                    if (bound.handler() instanceof ManualStep<?> && !options.ackManual().contains(step.id())) {
                        pendingManual.add(waitForOperator(step));
                        continue;
                    }
                    running.put(completions.submit(() -> carryOut(step, bound)), step);
                }
                if (running.isEmpty()) {
                    break;
                }
                Future<StepState> next = completions.take();
                Step step = running.remove(next);
                try {
                    next.get();
                    finished.add(step.id());
                    run.listener().progress(++done, total);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        crash = error;
                    } else {
                        failures.add(step.id() + " " + step.action() + " " + step.target().display() + ": "
                                + describe((RuntimeException) e.getCause()));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while steps were running; the journal shows where each"
                    + " stands", e);
        } finally {
            pool.shutdown();
        }
        if (crash != null) {
            throw crash;
        }
        if (lost != null) {
            return new RunOutcome(RunOutcome.Status.LEASE_LOST, done, total, List.of(lost),
                    "check who holds the lease; once it is free, run migrate apply PLAN again to resume");
        }
        if (!failures.isEmpty()) {
            return new RunOutcome(RunOutcome.Status.FAILED, done, total, failures, "fix the cause and run migrate"
                    + " apply PLAN again: applied steps are skipped and a failed or interrupted step is carried out"
                    + " again from its recorded prior state; or undo with migrate rollback PLAN");
        }
        if (!pendingManual.isEmpty() || finished.size() < phase.steps().size()) {
            return new RunOutcome(RunOutcome.Status.WAITING_FOR_MANUAL, done, total, pendingManual,
                    "phase " + phase.phase() + " waits for manual steps; once done, confirm each with migrate apply"
                    + " PLAN --ack-manual <step id>");
        }
        return null;
    }

    private String waitForOperator(Step step) {
        String instruction = ManualStep.instruction(step);
        if (run.journal().state(step.id()).orElse(null) != StepState.MANUAL_PENDING) {
            run.journal().append(run.entries().entry(step, StepState.MANUAL_PENDING, instruction));
        }
        run.listener().finished(step, StepState.MANUAL_PENDING, instruction);
        return step.id() + " " + step.action() + " " + step.target().display() + ": " + instruction;
    }

    /**
     * Observe and journal the prior state, or take the one journaled by an interrupted earlier run; apply; journal the
     * outcome. A handler's {@link RuntimeException} is journaled as the step's failure; an {@link Error} is not (as
     * after a crash, the step stays started and the next run resumes it).
     */
    private StepState carryOut(Step step, Bound<?> bound) {
        Optional<StepState> state = run.journal().state(step.id());
        Optional<ObjectNode> recorded = state.filter(s -> s == StepState.STARTED || s == StepState.FAILED)
                .flatMap(s -> run.journal().prior(step.id()));
        run.listener().started(step, recorded.isPresent());
        ObjectNode prior = recorded.orElse(null);
        if (prior == null) {
            prior = bound.observe(run.context());
            run.journal().append(run.entries().started(step, prior));
        }
        Applied applied;
        try {
            applied = bound.apply(prior, run.context());
        } catch (RuntimeException e) {
            String reason = describe(e);
            run.journal().append(run.entries().entry(step, StepState.FAILED, reason));
            run.listener().finished(step, StepState.FAILED, reason);
            throw e;
        }
        run.journal().append(run.entries().applied(step, applied));
        run.listener().finished(step, StepState.APPLIED, applied.detail());
        return StepState.APPLIED;
    }

    private boolean applied(Step step) {
        return run.journal().state(step.id()).orElse(null) == StepState.APPLIED;
    }

    /** A failure as one line: a handler's own message, what RBAC denied, or the exception's type and message. */
    static String describe(RuntimeException e) {
        if (e instanceof KubernetesClientException kube && Forbidden.describe(kube).isPresent()) {
            return Forbidden.describe(kube).get();
        }
        return e instanceof StepFailedException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
