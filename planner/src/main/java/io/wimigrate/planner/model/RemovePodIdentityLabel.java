package io.wimigrate.planner.model;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** Phase 6: drop the {@code aadpodidbinding} label from the pod template (not from a selector). */
@JsonTypeName("remove-pod-identity-label")
public record RemovePodIdentityLabel(Target target, Desired desired, boolean gitops, String reason) implements Step {

    public static final String LABEL = "aadpodidbinding";

    public record Desired(String path, String label, String state) {
    }

    @Override
    public int phase() {
        return 6;
    }

    @Override
    public String precondition() {
        return target.name() + " verified on workload identity";
    }

    @Override
    public Inverse inverse() {
        return new Inverse("restore-labels", "put " + desired.label() + " back with the value recorded in the journal");
    }

    @Override
    public <R> R accept(StepVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
