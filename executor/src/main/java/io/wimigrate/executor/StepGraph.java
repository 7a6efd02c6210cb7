package io.wimigrate.executor;

import io.wimigrate.planner.model.CheckPreflight;
import io.wimigrate.planner.model.Step;
import io.wimigrate.planner.model.Target;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which steps of one phase must wait for which, so the rest can run in parallel. A step waits for every earlier step
 * (in plan order) on the same target: all steps on one identity or app registration run one at a time (create, then
 * copy roles; federated credentials on one identity never overlap, as Azure refuses concurrent writes), and so do
 * all steps on one Kubernetes object. A namespaced Kubernetes step also waits for earlier steps on ServiceAccounts of
 * its namespace, so a workload never points at a ServiceAccount that is not there yet. Preflight checks only read:
 * they wait for nothing and nothing waits for them.
 */
final class StepGraph {

    private StepGraph() {
    }

    /** For each step id, the ids of the earlier steps it waits for. */
    static Map<String, List<String>> dependencies(List<Step> steps) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        Map<String, List<String>> byTarget = new HashMap<>();
        Map<String, List<String>> serviceAccountsByNamespace = new HashMap<>();
        Map<String, Integer> position = new HashMap<>();
        for (Step step : steps) {
            position.put(step.id(), position.size());
            if (step instanceof CheckPreflight) {
                result.put(step.id(), List.of());
                continue;
            }
            Target target = step.target();
            List<String> sameTarget = byTarget.computeIfAbsent(serialKey(target), key -> new ArrayList<>());
            Set<String> waitsFor = new HashSet<>(sameTarget);
            if (target.isKubernetes() && target.namespace() != null) {
                waitsFor.addAll(serviceAccountsByNamespace.getOrDefault(namespaceKey(target), List.of()));
            }
            result.put(step.id(), waitsFor.stream().sorted(Comparator.comparing(position::get)).toList());
            sameTarget.add(step.id());
            if (target.isKubernetes() && "ServiceAccount".equals(target.kind())) {
                serviceAccountsByNamespace.computeIfAbsent(namespaceKey(target), key -> new ArrayList<>())
                        .add(step.id());
            }
        }
        return result;
    }

    /** The key steps are serialised on: the target object (ARM names are already lower case in the plan). */
    static String serialKey(Target target) {
        return target.scope() + "|" + target.kind() + "|" + target.namespace() + "|" + target.name();
    }

    private static String namespaceKey(Target target) {
        return target.scope() + "|" + target.namespace();
    }
}
