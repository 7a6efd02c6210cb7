package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.CreateServiceAccount;

/** STUB: replaced by its implementation (issue 6). */
public final class ServiceAccountCreation implements StepHandler<CreateServiceAccount> {

    @Override
    public ObjectNode observe(CreateServiceAccount step, StepContext context) {
        throw new UnsupportedOperationException("CreateServiceAccount: not built yet");
    }

    @Override
    public Applied apply(CreateServiceAccount step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("CreateServiceAccount: not built yet");
    }

    @Override
    public void revert(CreateServiceAccount step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("CreateServiceAccount: not built yet");
    }
}
