package io.wimigrate.planner.model;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Phase 1: a new user-assigned identity that replaces a service principal ({@code replaces}: its client id, or the
 * Secret that holds its credentials when the client id is not known). Its client id is known after apply; later steps
 * refer to it as {@code $(<this step's id>.clientId)}.
 */
@JsonTypeName("create-identity")
public record CreateIdentity(Target target, Desired desired, String reason) implements Step {

    public record Desired(String location, String replaces) {
    }

    /** How later steps refer to the client id this step produces. */
    public String clientIdReference() {
        return "$(" + id() + ".clientId)";
    }

    @Override
    public int phase() {
        return 1;
    }

    @Override
    public String precondition() {
        return "no identity named " + target.name() + " in " + target.scope() + ", or one created by this plan";
    }

    @Override
    public Inverse inverse() {
        return new Inverse("delete-identity", "delete " + target.name() + " if this plan created it");
    }

    @Override
    public <R> R accept(StepVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
