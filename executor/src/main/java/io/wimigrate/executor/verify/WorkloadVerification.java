package io.wimigrate.executor.verify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.VerifyWorkload;

/** STUB: replaced by its implementation (issue 6). */
public final class WorkloadVerification implements StepHandler<VerifyWorkload> {

    @Override
    public ObjectNode observe(VerifyWorkload step, StepContext context) {
        throw new UnsupportedOperationException("VerifyWorkload: not built yet");
    }

    @Override
    public Applied apply(VerifyWorkload step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("VerifyWorkload: not built yet");
    }

    @Override
    public void revert(VerifyWorkload step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("VerifyWorkload: not built yet");
    }
}
