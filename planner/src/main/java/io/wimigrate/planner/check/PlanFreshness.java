package io.wimigrate.planner.check;

import io.wimigrate.planner.Fingerprints;
import io.wimigrate.planner.PlanRequest;
import io.wimigrate.planner.Planner;
import io.wimigrate.planner.io.PlanCodec;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.PlanHeader;
import io.wimigrate.planner.model.PlanHeader.Fingerprint;
import io.wimigrate.planner.model.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Whether a (valid) plan still fits the world: its clusters are the same clusters (kube-system uid), every object it
 * read has the uid and resourceVersion it had, no object it would have read has appeared, and planning again from the
 * same choices gives the same steps.
 */
public final class PlanFreshness {

    private PlanFreshness() {
    }

    /** What drifted, one line per object or step; empty when the plan is up to date. */
    public static List<String> drift(Plan plan, PlanRequest current) {
        List<String> drift = new ArrayList<>();
        Map<String, String> clusterIds = new TreeMap<>();
        current.inventory().clusters().forEach(c -> clusterIds.put(c.name(), String.valueOf(c.kubeSystemUid())));
        for (PlanHeader.ClusterHeader cluster : plan.header().clusters()) {
            String now = clusterIds.get(cluster.name());
            if (now == null) {
                drift.add(cluster.name() + ": not in the inventory");
            } else if (!now.equals(String.valueOf(cluster.kubeSystemUid()))) {
                drift.add(cluster.name() + ": another cluster (kube-system uid " + cluster.kubeSystemUid() + " -> "
                        + now + ")");
            }
        }
        Map<String, Fingerprint> then = byObject(plan.header().fingerprint());
        Map<String, Fingerprint> now = byObject(Fingerprints.of(current.inventory()));
        for (Fingerprint old : then.values()) {
            Fingerprint fresh = now.get(old.object());
            if (fresh == null) {
                drift.add(old.object() + ": gone");
            } else if (!Objects.equals(old.uid(), fresh.uid())) {
                drift.add(old.object() + ": recreated (uid " + old.uid() + " -> " + fresh.uid() + ")");
            } else if (!Objects.equals(old.resourceVersion(), fresh.resourceVersion())) {
                drift.add(old.object() + ": changed (resourceVersion " + old.resourceVersion() + " -> "
                        + fresh.resourceVersion() + ")");
            }
        }
        now.keySet().stream().filter(object -> !then.containsKey(object))
                .forEach(object -> drift.add(object + ": new"));
        Plan again = Planner.undigested(current);
        // Object versions are reported above; what matters here is whether the steps, findings or settings differ.
        PlanHeader h = again.header();
        Plan comparable = new Plan(again.apiVersion(), again.kind(), new PlanHeader(null, h.clusters(), h.azure(),
                h.spStrategy(), plan.header().fingerprint()), again.findings(), again.phases());
        // Equal plans render to the same text: rendering the new plan to hash it (in an apply's fresh process, a good
        // part of the time between Azure's answers and phase 0) is only needed when they are not equal.
        if (!comparable.equals(plan.withDigest(null))
                && !PlanCodec.digestOf(comparable).equals(plan.header().digest())) {
            Set<String> before = ids(plan);
            Set<String> after = ids(again);
            again.steps().stream().filter(s -> !before.contains(s.id()))
                    .forEach(s -> drift.add("step " + s.id() + " " + s.action() + " " + s.target().display()
                            + ": would be added"));
            plan.steps().stream().filter(s -> !after.contains(s.id()))
                    .forEach(s -> drift.add("step " + s.id() + " " + s.action() + " " + s.target().display()
                            + ": would be dropped"));
            if (before.equals(after)) {
                drift.add("planning again gives other findings, reasons or settings");
            }
        }
        return drift;
    }

    private static Map<String, Fingerprint> byObject(List<Fingerprint> fingerprints) {
        return fingerprints.stream().collect(Collectors.toMap(Fingerprint::object, Function.identity(),
                (a, b) -> a, TreeMap::new));
    }

    private static Set<String> ids(Plan plan) {
        return plan.steps().stream().map(Step::id).collect(Collectors.toCollection(TreeSet::new));
    }
}
