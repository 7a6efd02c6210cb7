package io.wimigrate.planner.model;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** Phase 6: delete an AzureIdentity object (the Kubernetes object only; the Azure identity stays). */
@JsonTypeName("delete-azure-identity")
public record DeleteAzureIdentity(Target target, Desired desired, boolean gitops, String reason) implements Step {

    public record Desired(String state) {
    }

    @Override
    public int phase() {
        return 6;
    }

    @Override
    public String precondition() {
        return "no AzureIdentityBinding names " + target.name();
    }

    @Override
    public Inverse inverse() {
        return new Inverse("recreate", "recreate the AzureIdentity from the copy recorded in the journal");
    }

    @Override
    public <R> R accept(StepVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
