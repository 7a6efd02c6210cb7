package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.RestartWorkload;

/** STUB: replaced by its implementation (issue 6). */
public final class WorkloadRestart implements StepHandler<RestartWorkload> {

    @Override
    public ObjectNode observe(RestartWorkload step, StepContext context) {
        throw new UnsupportedOperationException("RestartWorkload: not built yet");
    }

    @Override
    public Applied apply(RestartWorkload step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("RestartWorkload: not built yet");
    }

    @Override
    public void revert(RestartWorkload step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("RestartWorkload: not built yet");
    }
}
