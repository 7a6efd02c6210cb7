package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.SetServiceAccountName;

/** STUB: replaced by its implementation (issue 6). */
public final class ServiceAccountNameChange implements StepHandler<SetServiceAccountName> {

    @Override
    public ObjectNode observe(SetServiceAccountName step, StepContext context) {
        throw new UnsupportedOperationException("SetServiceAccountName: not built yet");
    }

    @Override
    public Applied apply(SetServiceAccountName step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("SetServiceAccountName: not built yet");
    }

    @Override
    public void revert(SetServiceAccountName step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("SetServiceAccountName: not built yet");
    }
}
