package io.wimigrate.planner.model;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** Phase 6: remove a container's env or volume reference to a service-principal Secret. */
@JsonTypeName("remove-secret-reference")
public record RemoveSecretReference(Target target, Desired desired, boolean gitops, String reason) implements Step {

    public record Desired(String container, String via, String name, String secret, String state) {
    }

    @Override
    public int phase() {
        return 6;
    }

    @Override
    public String precondition() {
        return target.name() + " verified on workload identity and its code no longer reads " + desired.name();
    }

    @Override
    public Inverse inverse() {
        return new Inverse("restore-reference", "put the reference back as recorded in the journal");
    }

    @Override
    public <R> R accept(StepVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
