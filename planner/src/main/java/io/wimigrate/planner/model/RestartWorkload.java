package io.wimigrate.planner.model;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Phase 4: new pods, so the webhook mutates them. {@code method}: {@code rollout-restart} (Deployment, StatefulSet,
 * DaemonSet), {@code next-scheduled-run} (CronJob), {@code recreate-pod} (bare Pod: deleted and created again from
 * its recorded spec), {@code rerun} (Job).
 */
@JsonTypeName("restart-workload")
public record RestartWorkload(Target target, Desired desired, String reason) implements Step {

    public static final String RECREATE_POD = "recreate-pod";

    public record Desired(String method) {
    }

    @Override
    public int phase() {
        return 4;
    }

    @Override
    public String precondition() {
        return "the ServiceAccount, annotations and labels of phase 3 are in place for " + target.name();
    }

    /**
     * Nothing for a workload with a template: its pods restarted after the rollback of phase 3 go back to pod identity.
     * A bare Pod is its own template, so its rollback puts back the pod recorded before the restart.
     */
    @Override
    public Inverse inverse() {
        return RECREATE_POD.equals(desired.method())
                ? new Inverse(RECREATE_POD, "the pod is created again as it was recorded before the restart")
                : Inverse.none("pods restarted after rollback of phase 3 go back to pod identity");
    }

    @Override
    public <R> R accept(StepVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
