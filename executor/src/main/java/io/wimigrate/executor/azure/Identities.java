package io.wimigrate.executor.azure;

import com.azure.resourcemanager.msi.fluent.UserAssignedIdentitiesClient;
import com.azure.resourcemanager.msi.fluent.models.IdentityInner;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepFailedException;
import java.util.Map;
import java.util.Optional;

/** Reads user-assigned identities and names their ids as a step's outputs. */
final class Identities {

    static final String CLIENT_ID = "clientId";
    static final String PRINCIPAL_ID = "principalId";

    private Identities() {
    }

    static UserAssignedIdentitiesClient client(StepContext context, IdentityAddress address) {
        return connection(context).msi(address.subscription()).serviceClient().getUserAssignedIdentities();
    }

    static Optional<IdentityInner> find(StepContext context, IdentityAddress address) {
        return ArmCalls.found("read " + address.display(), context,
                () -> client(context, address).getByResourceGroup(address.resourceGroup(), address.name()));
    }

    /** The identity, or a failure naming it when it is missing. */
    static IdentityInner require(StepContext context, IdentityAddress address, String because) {
        return find(context, address).orElseThrow(() -> new StepFailedException(address.display()
                + " does not exist; " + because));
    }

    static Map<String, String> outputs(IdentityInner identity) {
        return Map.of(CLIENT_ID, identity.clientId().toString(), PRINCIPAL_ID, identity.principalId().toString());
    }

    static Applied withOutputs(Applied applied, IdentityInner identity) {
        return applied.withOutputs(outputs(identity));
    }

    static io.wimigrate.planner.azure.AzureConnection connection(StepContext context) {
        if (context.azure() == null) {
            throw new StepFailedException("this step changes Azure, but no Azure connection is configured: give the"
                    + " tenant and subscription (and sign in) so apply can reach Azure");
        }
        return context.azure();
    }
}
