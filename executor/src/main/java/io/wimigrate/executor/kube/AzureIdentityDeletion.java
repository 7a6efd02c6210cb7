package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.DeleteAzureIdentity;

/**
 * Deletes an AzureIdentity object (the Azure identity stays); revert recreates it from the copy in the journal.
 */
public final class AzureIdentityDeletion implements StepHandler<DeleteAzureIdentity> {

    @Override
    public ObjectNode observe(DeleteAzureIdentity step, StepContext context) {
        return RecordedDeletion.observe(step, context);
    }

    @Override
    public Applied apply(DeleteAzureIdentity step, ObjectNode prior, StepContext context) {
        return RecordedDeletion.apply(step, context);
    }

    @Override
    public void revert(DeleteAzureIdentity step, ObjectNode prior, StepContext context) {
        RecordedDeletion.revert(step, context, prior);
    }
}
