package io.wimigrate.planner.model;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.SortedMap;

/** Phase 3: the workload-identity annotations (client-id, tenant-id) on a ServiceAccount. */
@JsonTypeName("annotate-service-account")
public record AnnotateServiceAccount(Target target, Desired desired, boolean gitops, String reason) implements Step {

    public static final String CLIENT_ID = "azure.workload.identity/client-id";
    public static final String TENANT_ID = "azure.workload.identity/tenant-id";

    public record Desired(SortedMap<String, String> annotations) {
    }

    @Override
    public int phase() {
        return 3;
    }

    @Override
    public String precondition() {
        return "ServiceAccount " + target.namespace() + "/" + target.name() + " exists";
    }

    @Override
    public Inverse inverse() {
        return new Inverse("restore-annotations", "restore the annotations recorded in the journal");
    }

    @Override
    public <R> R accept(StepVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
