package io.wimigrate.executor.azure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.CreateFederatedCredential;

/** STUB: replaced by its implementation (issue 6). */
public final class FederatedCredentialCreation implements StepHandler<CreateFederatedCredential> {

    @Override
    public ObjectNode observe(CreateFederatedCredential step, StepContext context) {
        throw new UnsupportedOperationException("CreateFederatedCredential: not built yet");
    }

    @Override
    public Applied apply(CreateFederatedCredential step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("CreateFederatedCredential: not built yet");
    }

    @Override
    public void revert(CreateFederatedCredential step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("CreateFederatedCredential: not built yet");
    }
}
