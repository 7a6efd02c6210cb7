package io.wimigrate.executor.verify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.CheckPreflight;

/** STUB: replaced by its implementation (issue 6). */
public final class PreflightCheck implements StepHandler<CheckPreflight> {

    @Override
    public ObjectNode observe(CheckPreflight step, StepContext context) {
        throw new UnsupportedOperationException("CheckPreflight: not built yet");
    }

    @Override
    public Applied apply(CheckPreflight step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("CheckPreflight: not built yet");
    }

    @Override
    public void revert(CheckPreflight step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("CheckPreflight: not built yet");
    }
}
