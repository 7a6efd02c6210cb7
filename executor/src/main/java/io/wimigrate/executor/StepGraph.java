package io.wimigrate.executor;

import io.wimigrate.planner.model.Step;
import io.wimigrate.planner.model.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which steps of one phase must wait for which, so the rest can run in parallel. A step waits for every earlier step
 * (in plan order) on the same target: all steps on one identity or app registration run one at a time (create, then
 * copy roles; federated credentials on one identity never overlap, as Azure refuses concurrent writes), and so do
 * all steps on one Kubernetes object. A namespaced Kubernetes step also waits for earlier steps on ServiceAccounts of
 * its namespace, so a workload never points at a ServiceAccount that is not there yet.
 */
final class StepGraph {

    private StepGraph() {
    }

    /** For each step id, the ids of the earlier steps it waits for. */
    static Map<String, List<String>> dependencies(List<Step> steps) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (int j = 0; j < steps.size(); j++) {
            Step later = steps.get(j);
            List<String> waitsFor = new ArrayList<>();
            for (int i = 0; i < j; i++) {
                Step earlier = steps.get(i);
                if (sameTarget(earlier.target(), later.target()) || serviceAccountOfNamespace(earlier, later)) {
                    waitsFor.add(earlier.id());
                }
            }
            result.put(later.id(), waitsFor);
        }
        return result;
    }

    /** The key steps are serialised on: the target object (ARM names are already lower case in the plan). */
    static String serialKey(Target target) {
        return target.scope() + "|" + target.kind() + "|" + target.namespace() + "|" + target.name();
    }

    private static boolean sameTarget(Target a, Target b) {
        return serialKey(a).equals(serialKey(b));
    }

    private static boolean serviceAccountOfNamespace(Step earlier, Step later) {
        Target a = earlier.target();
        Target b = later.target();
        return a.isKubernetes() && b.isKubernetes() && "ServiceAccount".equals(a.kind()) && b.namespace() != null
                && Objects.equals(a.scope(), b.scope()) && Objects.equals(a.namespace(), b.namespace());
    }
}
