package io.wimigrate.planner.model;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.SortedMap;

/**
 * Phase 3: the migration bridge for code that still calls IMDS: the webhook adds a proxy sidecar that answers IMDS
 * token requests with workload identity. Presence of the annotation turns it on.
 */
@JsonTypeName("add-proxy-sidecar-annotation")
public record AddProxySidecarAnnotation(Target target, Desired desired, boolean gitops, String reason)
        implements Step {

    public static final String INJECT = "azure.workload.identity/inject-proxy-sidecar";
    public static final String PORT = "azure.workload.identity/proxy-sidecar-port";

    public record Desired(String path, SortedMap<String, String> annotations) {
    }

    @Override
    public int phase() {
        return 3;
    }

    @Override
    public String precondition() {
        return target.kind() + " " + target.namespace() + "/" + target.name() + " exists and does not use hostNetwork";
    }

    @Override
    public Inverse inverse() {
        return new Inverse("remove-annotations", "remove the annotations from " + desired.path() + ".annotations");
    }

    @Override
    public <R> R accept(StepVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
