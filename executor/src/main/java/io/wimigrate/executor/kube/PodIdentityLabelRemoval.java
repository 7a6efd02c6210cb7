package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.RemovePodIdentityLabel;

/** STUB: replaced by its implementation (issue 6). */
public final class PodIdentityLabelRemoval implements StepHandler<RemovePodIdentityLabel> {

    @Override
    public ObjectNode observe(RemovePodIdentityLabel step, StepContext context) {
        throw new UnsupportedOperationException("RemovePodIdentityLabel: not built yet");
    }

    @Override
    public Applied apply(RemovePodIdentityLabel step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("RemovePodIdentityLabel: not built yet");
    }

    @Override
    public void revert(RemovePodIdentityLabel step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("RemovePodIdentityLabel: not built yet");
    }
}
