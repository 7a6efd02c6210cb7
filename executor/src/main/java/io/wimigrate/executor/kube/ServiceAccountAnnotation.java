package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.AnnotateServiceAccount;

/** The workload identity annotations (client-id, tenant-id) on a ServiceAccount; revert restores the previous ones. */
public final class ServiceAccountAnnotation implements StepHandler<AnnotateServiceAccount> {

    private final MetadataEntries annotations = new MetadataEntries("metadata", "annotations");

    @Override
    public ObjectNode observe(AnnotateServiceAccount step, StepContext context) {
        return annotations.observe(step, context, step.desired().annotations().keySet());
    }

    @Override
    public Applied apply(AnnotateServiceAccount step, ObjectNode prior, StepContext context) {
        return annotations.apply(step, context, MetadataEntries.resolved(context, step.desired().annotations()));
    }

    @Override
    public void revert(AnnotateServiceAccount step, ObjectNode prior, StepContext context) {
        annotations.revert(step, context, prior);
    }
}
