package io.wimigrate.planner.model;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.SortedMap;

/**
 * Phase 3: label the pod template (never {@code spec.selector}, which is immutable) so the webhook mutates new pods.
 */
@JsonTypeName("label-pod-template")
public record LabelPodTemplate(Target target, Desired desired, boolean gitops, String reason) implements Step {

    public static final String USE_LABEL = "azure.workload.identity/use";

    public record Desired(String path, SortedMap<String, String> labels) {
    }

    @Override
    public int phase() {
        return 3;
    }

    @Override
    public String precondition() {
        return target.kind() + " " + target.namespace() + "/" + target.name() + " exists";
    }

    @Override
    public Inverse inverse() {
        return new Inverse("remove-labels", "remove the labels from " + desired.path() + ".labels");
    }

    @Override
    public <R> R accept(StepVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
