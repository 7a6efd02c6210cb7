package io.wimigrate.executor.azure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.ReuseIdentity;

/** STUB: replaced by its implementation (issue 6). */
public final class IdentityReuse implements StepHandler<ReuseIdentity> {

    @Override
    public ObjectNode observe(ReuseIdentity step, StepContext context) {
        throw new UnsupportedOperationException("ReuseIdentity: not built yet");
    }

    @Override
    public Applied apply(ReuseIdentity step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("ReuseIdentity: not built yet");
    }

    @Override
    public void revert(ReuseIdentity step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("ReuseIdentity: not built yet");
    }
}
