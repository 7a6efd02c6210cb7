package io.wimigrate.planner.model;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** Phase 6: delete an AzureIdentityBinding once every workload it selects is verified. */
@JsonTypeName("delete-binding")
public record DeleteBinding(Target target, Desired desired, boolean gitops, String reason) implements Step {

    public record Desired(String selector, String azureIdentity, String state) {
    }

    @Override
    public int phase() {
        return 6;
    }

    @Override
    public String precondition() {
        return "every workload labelled " + desired.selector() + " verified on workload identity";
    }

    @Override
    public Inverse inverse() {
        return new Inverse("recreate", "recreate the binding from the copy recorded in the journal");
    }

    @Override
    public <R> R accept(StepVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
