package io.wimigrate.planner.model;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/**
 * Phase 4: the workload's new pods run as {@code serviceAccount}, carry the injected environment, and the projected
 * token can be exchanged for a token of every identity in {@code clientIds} (the SA's client id first).
 */
@JsonTypeName("verify-workload")
public record VerifyWorkload(Target target, Desired desired, String reason) implements Step {

    public record Desired(String serviceAccount, List<String> clientIds, List<String> env) {
    }

    @Override
    public int phase() {
        return 4;
    }

    @Override
    public String precondition() {
        return "pods of " + target.name() + " created after its restart are ready";
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
