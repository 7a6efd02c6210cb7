package io.wimigrate.executor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.wimigrate.executor.journal.JournalEntry;
import io.wimigrate.executor.journal.StepState;
import io.wimigrate.executor.kube.KubeErrors;
import io.wimigrate.planner.model.Phase;
import io.wimigrate.planner.model.Step;
import io.wimigrate.scanner.ClusterAccessException;
import io.wimigrate.scanner.DaemonThreads;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One apply run: phases in order, each a barrier; within a phase up to {@code parallelism} steps at once, as
 * {@link StepGraph} allows. A step waiting for another starts once that one has changed what it changes and queued its
 * outcome for the journal, not once the journal write is done; the next phase starts once every step of the one before
 * has: a chain of steps on one object, and each phase boundary, do not wait for a journal round trip. The first failure
 * stops new steps from starting; those running finish and are journaled. A manual step not confirmed with
 * {@code --ack-manual} is journaled as pending and its instruction printed; the other steps of its phase still run, the
 * later phases wait.
 */
final class PhaseRunner {

    private final Run run;
    private final Map<Integer, Integer> finishedInPhase = new HashMap<>();
    private int done;
    private int total;

    PhaseRunner(Run run) {
        this.run = run;
    }

    RunOutcome run(ApplyOptions options) {
        List<Phase> phases = run.plan().phases().stream()
                .filter(p -> p.phase() >= options.firstPhase() && p.phase() <= options.lastPhase()).toList();
        total = phases.stream().mapToInt(p -> p.steps().size()).sum();
        RunOutcome stopped = phases.isEmpty() ? null : runPhases(phases, options);
        if (stopped != null) {
            return stopped;
        }
        return new RunOutcome(RunOutcome.Status.COMPLETED, done, total, List.of(), options.lastPhase()
                < ApplyOptions.LAST_PHASE ? "apply the next phase when ready: migrate apply PLAN --phase "
                + (options.lastPhase() + 1) : "verify: migrate verify PLAN");
    }

    /** Null when every phase is complete; otherwise how the run ends. */
    private RunOutcome runPhases(List<Phase> phases, ApplyOptions options) {
        Set<String> applied = new HashSet<>();
        phases.forEach(phase -> phase.steps().stream().filter(this::applied).forEach(step -> {
            applied.add(step.id());
            finishedInPhase.merge(phase.phase(), 1, Integer::sum);
        }));
        done = applied.size();
        StepSchedule schedule = new StepSchedule(phases, applied);
        Set<String> released = new HashSet<>();
        List<String> failures = new ArrayList<>();
        List<String> pendingManual = new ArrayList<>();
        String lost = null;
        List<String> runningWhenInterrupted = null;
        Error crash = null;
        ExecutorService pool = Executors.newCachedThreadPool(DaemonThreads.named("wimigrate-step"));
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        Map<String, Future<StepState>> running = new HashMap<>();
        int shown = 0;
        progress(phases.get(0));
        try {
            while (true) {
                while (shown < schedule.open()) {
                    progress(phases.get(++shown));
                }
                boolean stopping = !failures.isEmpty() || crash != null || lost != null
                        || runningWhenInterrupted != null;
                while (!stopping && running.size() - released.size() < options.parallelism()) {
                    Step step = schedule.take();
                    if (step == null) {
                        break;
                    }
                    lost = run.leaseLost().get();
                    if (lost != null) {
                        break;
                    }
                    if (run.interrupted().getAsBoolean()) {
                        runningWhenInterrupted = running.keySet().stream().sorted().toList();
                        break;
                    }
                    Bound<?> bound = run.binder().apply(step);
                    if (bound.handler() instanceof ManualStep<?> && !options.ackManual().contains(step.id())) {
                        pendingManual.add(waitForOperator(step));
                        continue;
                    }
                    FutureTask<StepState> task = new FutureTask<>(() -> carryOut(step, bound,
                            () -> events.add(new Event(step, null)))) {
                        @Override
                        protected void done() {
                            events.add(new Event(step, this));
                        }
                    };
                    running.put(step.id(), task);
                    pool.execute(task);
                }
                if (running.isEmpty()) {
                    break;
                }
                Event event = events.take();
                Step step = event.step();
                if (event.ended() == null) {
                    released.add(step.id());
                    schedule.released(step);
                    continue;
                }
                running.remove(step.id());
                released.remove(step.id());
                try {
                    event.ended().get();
                    schedule.finished(step);
                    finishedInPhase.merge(step.phase(), 1, Integer::sum);
                    done++;
                    progress(phases.stream().filter(p -> p.phase() == step.phase()).findFirst().orElseThrow());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        crash = error;
                    } else {
                        failures.add(step.id() + " " + step.action() + " " + step.target().display() + ": "
                                + describe((RuntimeException) e.getCause(), run.context().kube()));
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
        Phase unfinished = schedule.firstUnfinished();
        if (unfinished == null) {
            return null;
        }
        if (runningWhenInterrupted != null) {
            int left = schedule.unfinishedSteps(unfinished);
            return new RunOutcome(RunOutcome.Status.INTERRUPTED, done, total, List.of("stopped in phase "
                    + unfinished.phase() + " " + unfinished.name() + " with " + left + " of its "
                    + unfinished.steps().size() + " step(s) not applied" + (runningWhenInterrupted.isEmpty()
                    ? "" : "; the step(s) running then finished and were journaled: "
                    + String.join(", ", runningWhenInterrupted))),
                    "run the same migrate apply PLAN again to resume: applied steps are skipped");
        }
        return new RunOutcome(RunOutcome.Status.WAITING_FOR_MANUAL, done, total, pendingManual,
                "phase " + unfinished.phase() + " waits for manual steps; once done, confirm each with migrate apply"
                + " PLAN --ack-manual <step id>");
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
     * What the loop hears of a running step: it released the steps waiting for it ({@code ended} null), or it ended.
     */
    private record Event(Step step, Future<StepState> ended) {
    }

    /**
     * Observe and journal the prior state, or take the one journaled by an interrupted earlier run; apply; journal the
     * outcome. A {@link ReadOnlyStepHandler}'s step has no prior state: its start and outcome are journaled together
     * after it ran. A handler's {@link RuntimeException} is journaled as the step's failure; an {@link Error} is not
     * (as after a crash, the step stays started and the next run resumes it). Once the outcome has its place in the
     * journal, {@code release} lets the steps waiting for this one start (they read its outputs from the queued
     * entry): their own entries are stored after it, so none of their changes is journaled before this step's
     * outcome.
     */
    private StepState carryOut(Step step, Bound<?> bound, Runnable release) {
        boolean readOnly = bound.handler() instanceof ReadOnlyStepHandler<?>;
        Optional<StepState> state = run.journal().state(step.id());
        Optional<ObjectNode> recorded = state.filter(s -> !readOnly && (s == StepState.STARTED
                || s == StepState.FAILED)).flatMap(s -> run.journal().prior(step.id()));
        run.listener().started(step, recorded.isPresent());
        ObjectNode prior = recorded.orElse(null);
        List<JournalEntry> start = new ArrayList<>();
        if (prior == null) {
            prior = bound.observe(run.context());
            start.add(run.entries().started(step, prior));
            if (!readOnly) {
                run.journal().append(start.remove(0));
            }
        }
        Applied applied;
        try {
            applied = bound.apply(prior, run.context());
        } catch (RuntimeException e) {
            String reason = describe(e, run.context().kube());
            try {
                run.journal().append(with(start, run.entries().entry(step, StepState.FAILED, reason)), () -> { });
            } catch (RuntimeException journalUnreachable) {
                // The step stays started, as after a crash; the handler's failure is what the operator must read.
                e.addSuppressed(journalUnreachable);
            }
            run.listener().finished(step, StepState.FAILED, reason);
            throw e;
        }
        run.journal().append(with(start, run.entries().applied(step, applied)), release);
        run.listener().finished(step, StepState.APPLIED, applied.detail());
        return StepState.APPLIED;
    }

    private static List<JournalEntry> with(List<JournalEntry> entries, JournalEntry last) {
        List<JournalEntry> all = new ArrayList<>(entries);
        all.add(last);
        return all;
    }

    private void progress(Phase phase) {
        run.listener().progress(new RunProgress(phase.phase(), phase.name(), finishedInPhase.getOrDefault(
                phase.phase(), 0), phase.steps().size(), done, total));
    }

    private boolean applied(Step step) {
        return run.journal().state(step.id()).orElse(null) == StepState.APPLIED;
    }

    /** A failure as one line: a handler's own message, a Kubernetes failure in words, else type and message. */
    static String describe(RuntimeException e, KubernetesClient kube) {
        if (e instanceof StepFailedException || e instanceof ClusterAccessException) {
            return e.getMessage();
        }
        if (e instanceof KubernetesClientException k) {
            return KubeErrors.message(k, kube);
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
