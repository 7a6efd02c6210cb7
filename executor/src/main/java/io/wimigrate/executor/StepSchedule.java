package io.wimigrate.executor;

import io.wimigrate.planner.model.Phase;
import io.wimigrate.planner.model.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Which steps of a run may start: those of an open phase whose earlier steps ({@link StepGraph}) have finished or been
 * released, in plan order. A phase opens once every step of the one before has finished or been released. Kept up to
 * date per event rather than by scanning the plan: a run of thousands of steps hears two events per step, and the loop
 * that hears them is what starts the next step of every chain.
 */
final class StepSchedule {

    private final List<Phase> phases;
    private final List<Step> steps = new ArrayList<>();
    private final Map<String, Integer> position = new HashMap<>();
    private final List<List<Integer>> dependents = new ArrayList<>();
    private final int[] phaseOf;
    private final int[] blockers;
    private final boolean[] letGo;
    private final boolean[] finished;
    private final int[] notLetGo;
    private final int[] notFinished;
    private final PriorityQueue<Integer> ready = new PriorityQueue<>();
    private int open;

    /** {@code alreadyFinished}: ids of the steps a journal shows applied. */
    StepSchedule(List<Phase> phases, Set<String> alreadyFinished) {
        this.phases = phases;
        int total = phases.stream().mapToInt(phase -> phase.steps().size()).sum();
        phaseOf = new int[total];
        blockers = new int[total];
        letGo = new boolean[total];
        finished = new boolean[total];
        notLetGo = new int[phases.size()];
        notFinished = new int[phases.size()];
        Map<String, List<String>> waitsFor = new HashMap<>();
        for (int p = 0; p < phases.size(); p++) {
            waitsFor.putAll(StepGraph.dependencies(phases.get(p).steps()));
            for (Step step : phases.get(p).steps()) {
                phaseOf[steps.size()] = p;
                position.put(step.id(), steps.size());
                steps.add(step);
                dependents.add(new ArrayList<>());
            }
        }
        for (int i = 0; i < total; i++) {
            if (alreadyFinished.contains(steps.get(i).id())) {
                letGo[i] = true;
                finished[i] = true;
                continue;
            }
            notLetGo[phaseOf[i]]++;
            notFinished[phaseOf[i]]++;
            for (String id : waitsFor.get(steps.get(i).id())) {
                int earlier = position.get(id);
                if (!finished[earlier]) {
                    blockers[i]++;
                    dependents.get(earlier).add(i);
                }
            }
            if (blockers[i] == 0) {
                ready.add(i);
            }
        }
        advance();
    }

    /** The next step that may start, taken off the schedule; null when none may start now. */
    Step take() {
        Integer next = ready.peek();
        if (next == null || phaseOf[next] > open) {
            return null;
        }
        return steps.get(ready.poll());
    }

    /** The steps waiting for {@code step} may start: it has queued its outcome for the journal. */
    void released(Step step) {
        letGo(position.get(step.id()));
    }

    void finished(Step step) {
        int i = position.get(step.id());
        letGo(i);
        if (!finished[i]) {
            finished[i] = true;
            notFinished[phaseOf[i]]--;
        }
    }

    /** The index (in the run's phases) of the last phase whose steps may start now. */
    int open() {
        return open;
    }

    /** The first phase with a step not finished, or null when every step is. */
    Phase firstUnfinished() {
        for (int p = 0; p < phases.size(); p++) {
            if (notFinished[p] > 0) {
                return phases.get(p);
            }
        }
        return null;
    }

    int unfinishedSteps(Phase phase) {
        int p = 0;
        while (phases.get(p) != phase) {
            p++;
        }
        return notFinished[p];
    }

    private void letGo(int i) {
        if (letGo[i]) {
            return;
        }
        letGo[i] = true;
        notLetGo[phaseOf[i]]--;
        for (int dependent : dependents.get(i)) {
            if (--blockers[dependent] == 0) {
                ready.add(dependent);
            }
        }
        advance();
    }

    private void advance() {
        while (open + 1 < phases.size() && notLetGo[open] == 0) {
            open++;
        }
    }
}
