package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.LabelPodTemplate;

/**
 * The {@code azure.workload.identity/use} label on the pod template (never the selector), so the webhook mutates new
 * pods; revert restores the previous labels.
 */
public final class PodTemplateLabeling implements StepHandler<LabelPodTemplate> {

    @Override
    public ObjectNode observe(LabelPodTemplate step, StepContext context) {
        return labels(step).observe(step, context, step.desired().labels().keySet());
    }

    @Override
    public Applied apply(LabelPodTemplate step, ObjectNode prior, StepContext context) {
        return labels(step).apply(step, context, MetadataEntries.resolved(context, step.desired().labels()));
    }

    @Override
    public void revert(LabelPodTemplate step, ObjectNode prior, StepContext context) {
        labels(step).revert(step, context, prior);
    }

    private static MetadataEntries labels(LabelPodTemplate step) {
        return new MetadataEntries(step.desired().path(), "labels");
    }
}
