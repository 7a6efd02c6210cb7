package io.wimigrate.executor.azure;

import com.azure.resourcemanager.msi.fluent.models.IdentityInner;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepFailedException;
import io.wimigrate.executor.ReadOnlyStepHandler;
import io.wimigrate.planner.model.ReuseIdentity;

/**
 * Confirms that an AzureIdentity's user-assigned identity exists with the planned client id, and passes its ids on to
 * later steps. Nothing changes in Azure, so there is nothing to undo.
 */
public final class IdentityReuse implements ReadOnlyStepHandler<ReuseIdentity> {

    @Override
    public Applied apply(ReuseIdentity step, ObjectNode prior, StepContext context) {
        IdentityAddress address = IdentityAddress.of(step.target());
        IdentityInner identity = Identities.require(context, address, "the AzureIdentity's resourceID names it:"
                + " check that it was not deleted, and that the caller can read resource group "
                + address.resourceGroup());
        if (!identity.clientId().toString().equalsIgnoreCase(step.desired().clientId())) {
            throw new StepFailedException(address.display() + " has client id " + identity.clientId() + ", not "
                    + step.desired().clientId() + " as the AzureIdentity says: it was recreated, or the AzureIdentity"
                    + " names the wrong identity. Fix the AzureIdentity's clientID or resourceID and plan again");
        }
        return Identities.withOutputs(Applied.unchanged(address.display() + " exists with client id "
                + identity.clientId()), identity);
    }
}
