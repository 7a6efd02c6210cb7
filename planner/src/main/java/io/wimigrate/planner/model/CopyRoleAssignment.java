package io.wimigrate.planner.model;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Phase 1: give the new identity ({@code target}) a role the service principal {@code from} holds. {@code role} and
 * {@code scope} are {@code *} when Azure was not read (offline): apply then copies every assignment it finds.
 */
@JsonTypeName("copy-role-assignment")
public record CopyRoleAssignment(Target target, Desired desired, String reason) implements Step {

    public static final String ALL = "*";

    public record Desired(String from, String principal, String role, String scope) {
    }

    @Override
    public int phase() {
        return 1;
    }

    @Override
    public String precondition() {
        return "identity " + target.name() + " exists; " + desired.from() + " holds role " + desired.role()
                + " on scope " + desired.scope();
    }

    @Override
    public Inverse inverse() {
        return new Inverse("delete-role-assignment", "delete the assignments this step created");
    }

    @Override
    public <R> R accept(StepVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
