package io.wimigrate.planner;

import io.wimigrate.planner.model.Phase;
import io.wimigrate.planner.model.Step;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The canonical order of steps, so the same inputs give the same plan whatever order rules ran in. Within a phase,
 * steps go by action (the order the phase needs: create before annotate, labels before bindings before the install),
 * then by target; phase 4 goes workload by workload (restart, then verify). The proxy-sidecar annotation precedes the
 * label: without the label the webhook ignores it, so the label's rollout brings both at once.
 */
final class StepOrder {

    private static final List<String> ACTIONS = List.of(
            "check-preflight", "reuse-identity", "create-identity", "copy-role-assignment",
            "create-federated-credential", "create-service-account", "annotate-service-account",
            "set-service-account-name", "add-proxy-sidecar-annotation", "label-pod-template", "remove-secret-reference",
            "restart-workload", "verify-workload", "apply-repo-patch", "remove-pod-identity-label", "delete-binding",
            "delete-azure-identity", "backup-and-delete-secret",
            "remove-pod-identity-install", "manual-action");

    /** A step with what it is sorted by, computed once rather than in every comparison. */
    private record Sorted(Step step, int rank, String display) {
    }

    private static final Comparator<Sorted> BY_ACTION = Comparator
            .comparingInt(Sorted::rank)
            .thenComparing(Sorted::display)
            .thenComparing(sorted -> sorted.step().id());

    private static final Comparator<Sorted> BY_TARGET = Comparator
            .comparing(Sorted::display)
            .thenComparingInt(Sorted::rank)
            .thenComparing(sorted -> sorted.step().id());

    private StepOrder() {
    }

    /** A manual action of phase 0 (enabling the issuer or webhook) comes before the checks that need it. */
    private static int rank(Step step) {
        return step.phase() == 0 && "manual-action".equals(step.action()) ? -1 : ACTIONS.indexOf(step.action());
    }

    static List<Phase> phases(List<Step> steps) {
        List<List<Sorted>> byPhase = new ArrayList<>();
        for (int number = 0; number < Phase.NAMES.size(); number++) {
            byPhase.add(new ArrayList<>());
        }
        for (Step step : steps) {
            byPhase.get(step.phase()).add(new Sorted(step, rank(step), step.target().display()));
        }
        List<Phase> phases = new ArrayList<>();
        for (int number = 0; number < Phase.NAMES.size(); number++) {
            List<Sorted> phase = byPhase.get(number);
            phase.sort(number == 4 ? BY_TARGET : BY_ACTION);
            phases.add(Phase.of(number, phase.stream().map(Sorted::step).toList()));
        }
        return phases;
    }
}
