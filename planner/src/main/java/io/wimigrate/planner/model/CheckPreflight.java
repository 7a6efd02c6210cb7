package io.wimigrate.planner.model;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Phase 0: a fact that must hold before anything changes ({@code check}: oidc-issuer, webhook, permissions,
 * fic-quota).
 */
@JsonTypeName("check-preflight")
public record CheckPreflight(Target target, Desired desired, String reason) implements Step {

    public record Desired(String check, String expect) {
    }

    @Override
    public int phase() {
        return 0;
    }

    @Override
    public String precondition() {
        return "none";
    }

    @Override
    public Inverse inverse() {
        return Inverse.none("a check changes nothing");
    }

    @Override
    public <R> R accept(StepVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
