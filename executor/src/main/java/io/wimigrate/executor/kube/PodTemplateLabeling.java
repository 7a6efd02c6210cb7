package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.LabelPodTemplate;

/** STUB: replaced by its implementation (issue 6). */
public final class PodTemplateLabeling implements StepHandler<LabelPodTemplate> {

    @Override
    public ObjectNode observe(LabelPodTemplate step, StepContext context) {
        throw new UnsupportedOperationException("LabelPodTemplate: not built yet");
    }

    @Override
    public Applied apply(LabelPodTemplate step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("LabelPodTemplate: not built yet");
    }

    @Override
    public void revert(LabelPodTemplate step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("LabelPodTemplate: not built yet");
    }
}
