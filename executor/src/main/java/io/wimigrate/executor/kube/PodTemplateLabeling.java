package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.LabelPodTemplate;
import java.util.Optional;

/**
 * The {@code azure.workload.identity/use} label on the pod template (never the selector), so the webhook mutates new
 * pods; revert restores the previous labels. A bare Pod is its own template: removing the label from it does not
 * undo what the webhook injected when the restart step recreated it, so revert recreates such a pod too (from its
 * recorded copy if a crash left it deleted).
 */
public final class PodTemplateLabeling implements StepHandler<LabelPodTemplate> {

    @Override
    public ObjectNode observe(LabelPodTemplate step, StepContext context) {
        ObjectNode prior = labels(step).observe(step, context, step.desired().labels().keySet());
        if (isPod(step) && !context.viaGit(step)) {
            KubeObject pod = KubeObject.of(step.target());
            prior.set(PodRecreation.PRIOR_FIELD, PodRecreation.record(pod, pod.require(context)));
        }
        return prior;
    }

    @Override
    public Applied apply(LabelPodTemplate step, ObjectNode prior, StepContext context) {
        return labels(step).apply(step, context, MetadataEntries.resolved(context, step.desired().labels()));
    }

    @Override
    public void revert(LabelPodTemplate step, ObjectNode prior, StepContext context) {
        if (!isPod(step) || !(prior.get(PodRecreation.PRIOR_FIELD) instanceof ObjectNode recorded)) {
            labels(step).revert(step, context, prior);
            return;
        }
        KubeObject pod = KubeObject.of(step.target());
        Optional<ObjectNode> live = pod.read(context);
        if (live.isEmpty()) {
            PodRecreation.recreate(context, pod, null, recorded, copy -> { });
            return;
        }
        if (labels(step).revert(step, context, prior) && PodRecreation.mutated(live.get())) {
            PodRecreation.recreate(context, pod, pod.require(context), recorded, copy -> { });
        }
    }

    private static MetadataEntries labels(LabelPodTemplate step) {
        return new MetadataEntries(step.desired().path(), "labels");
    }

    private static boolean isPod(LabelPodTemplate step) {
        return PodSpecs.POD.equals(step.target().kind());
    }
}
