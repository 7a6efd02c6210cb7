package io.wimigrate.planner.model;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** Phase 1: an existing user-assigned identity (AzureIdentity type 0) kept as it is: same client id, same roles. */
@JsonTypeName("reuse-identity")
public record ReuseIdentity(Target target, Desired desired, String reason) implements Step {

    public record Desired(String clientId) {
    }

    @Override
    public int phase() {
        return 1;
    }

    @Override
    public String precondition() {
        return "identity " + target.name() + " exists with client id " + desired.clientId();
    }

    @Override
    public Inverse inverse() {
        return Inverse.none("nothing is changed");
    }

    @Override
    public <R> R accept(StepVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
