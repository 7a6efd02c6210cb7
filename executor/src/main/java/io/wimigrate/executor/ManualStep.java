package io.wimigrate.executor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.planner.model.Step;

/** STUB: replaced by its implementation (issue 6). A step the operator carries out (a repo patch, a manual action). */
public final class ManualStep<S extends Step> implements StepHandler<S> {

    @Override
    public ObjectNode observe(S step, StepContext context) {
        throw new UnsupportedOperationException(step.action() + ": not built yet");
    }

    @Override
    public Applied apply(S step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException(step.action() + ": not built yet");
    }

    @Override
    public void revert(S step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException(step.action() + ": not built yet");
    }
}
