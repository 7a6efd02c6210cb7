package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepFailedException;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.AddProxySidecarAnnotation;

/**
 * The webhook's proxy-sidecar annotations on the pod template; revert restores the previous annotations. A pod on the
 * host network is refused: the webhook will not inject the proxy there, and would refuse to create its pods.
 */
public final class ProxySidecarAnnotation implements StepHandler<AddProxySidecarAnnotation> {

    @Override
    public ObjectNode observe(AddProxySidecarAnnotation step, StepContext context) {
        return annotations(step).observe(step, context, step.desired().annotations().keySet());
    }

    @Override
    public Applied apply(AddProxySidecarAnnotation step, ObjectNode prior, StepContext context) {
        if (!context.viaGit(step)) {
            KubeObject target = KubeObject.of(step.target());
            ObjectNode spec = Json.find(target.require(context), PodSpecs.path(target.kind()));
            if (spec != null && spec.path("hostNetwork").asBoolean()) {
                throw new StepFailedException(target.display() + " uses hostNetwork: the webhook cannot add the"
                        + " proxy sidecar to its pods; move its code off IMDS before migrating it");
            }
        }
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
