package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.AddProxySidecarAnnotation;

/** The webhook's proxy-sidecar annotations on the pod template; revert restores the previous annotations. */
public final class ProxySidecarAnnotation implements StepHandler<AddProxySidecarAnnotation> {

    @Override
    public ObjectNode observe(AddProxySidecarAnnotation step, StepContext context) {
        return annotations(step).observe(step, context, step.desired().annotations().keySet());
    }

    @Override
    public Applied apply(AddProxySidecarAnnotation step, ObjectNode prior, StepContext context) {
        return annotations(step).apply(step, context,
                MetadataEntries.resolved(context, step.desired().annotations()));
    }

    @Override
    public void revert(AddProxySidecarAnnotation step, ObjectNode prior, StepContext context) {
        annotations(step).revert(step, context, prior);
    }

    private static MetadataEntries annotations(AddProxySidecarAnnotation step) {
        return new MetadataEntries(step.desired().path(), "annotations");
    }
}
