package io.wimigrate.planner.model;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/**
 * Phase 5: the code and manifest rewrite {@code command} produces for a repository, fixing {@code findings}; it is
 * merged and deployed by the team that owns the repository.
 */
@JsonTypeName("apply-repo-patch")
public record ApplyRepoPatch(Target target, Desired desired, String reason) implements Step {

    public record Desired(String command, List<String> findings) {
    }

    @Override
    public int phase() {
        return 5;
    }

    @Override
    public String precondition() {
        return "workloads of phase 4 verified";
    }

    @Override
    public Inverse inverse() {
        return new Inverse("revert-patch", "revert the merged patch in the repository");
    }

    @Override
    public <R> R accept(StepVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
