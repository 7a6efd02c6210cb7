package io.wimigrate.executor.azure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.CreateIdentity;

/** STUB: replaced by its implementation (issue 6). */
public final class IdentityCreation implements StepHandler<CreateIdentity> {

    @Override
    public ObjectNode observe(CreateIdentity step, StepContext context) {
        throw new UnsupportedOperationException("CreateIdentity: not built yet");
    }

    @Override
    public Applied apply(CreateIdentity step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("CreateIdentity: not built yet");
    }

    @Override
    public void revert(CreateIdentity step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("CreateIdentity: not built yet");
    }
}
