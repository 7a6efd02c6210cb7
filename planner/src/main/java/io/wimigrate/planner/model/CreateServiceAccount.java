package io.wimigrate.planner.model;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.SortedMap;

/** Phase 3: a dedicated ServiceAccount for workloads that cannot keep theirs. */
@JsonTypeName("create-service-account")
public record CreateServiceAccount(Target target, Desired desired, boolean gitops, String reason) implements Step {

    public record Desired(SortedMap<String, String> labels) {
    }

    @Override
    public int phase() {
        return 3;
    }

    @Override
    public String precondition() {
        return "no ServiceAccount " + target.name() + " in namespace " + target.namespace()
                + ", or one labelled by this plan";
    }

    @Override
    public Inverse inverse() {
        return new Inverse("delete-service-account", "delete ServiceAccount " + target.name()
                + " if this plan created it");
    }

    @Override
    public <R> R accept(StepVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
