package io.wimigrate.planner.model;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** Phase 3: point a workload's pod template at another ServiceAccount ({@code current} is what the scan saw). */
@JsonTypeName("set-service-account-name")
public record SetServiceAccountName(Target target, Desired desired, String current, boolean gitops, String reason)
        implements Step {

    public record Desired(String path, String serviceAccountName) {
    }

    @Override
    public int phase() {
        return 3;
    }

    @Override
    public String precondition() {
        return "ServiceAccount " + desired.serviceAccountName() + " exists; " + desired.path()
                + ".serviceAccountName is " + current;
    }

    @Override
    public Inverse inverse() {
        return new Inverse("set-service-account-name", "set " + desired.path() + ".serviceAccountName back to "
                + current);
    }

    @Override
    public <R> R accept(StepVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
