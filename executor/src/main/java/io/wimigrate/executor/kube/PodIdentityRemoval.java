package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.RemovePodIdentityInstall;

/** STUB: replaced by its implementation (issue 6). */
public final class PodIdentityRemoval implements StepHandler<RemovePodIdentityInstall> {

    @Override
    public ObjectNode observe(RemovePodIdentityInstall step, StepContext context) {
        throw new UnsupportedOperationException("RemovePodIdentityInstall: not built yet");
    }

    @Override
    public Applied apply(RemovePodIdentityInstall step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("RemovePodIdentityInstall: not built yet");
    }

    @Override
    public void revert(RemovePodIdentityInstall step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("RemovePodIdentityInstall: not built yet");
    }
}
