package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.DeleteAzureIdentity;

/** STUB: replaced by its implementation (issue 6). */
public final class AzureIdentityDeletion implements StepHandler<DeleteAzureIdentity> {

    @Override
    public ObjectNode observe(DeleteAzureIdentity step, StepContext context) {
        throw new UnsupportedOperationException("DeleteAzureIdentity: not built yet");
    }

    @Override
    public Applied apply(DeleteAzureIdentity step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("DeleteAzureIdentity: not built yet");
    }

    @Override
    public void revert(DeleteAzureIdentity step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("DeleteAzureIdentity: not built yet");
    }
}
