package io.wimigrate.executor.azure;

import com.azure.core.exception.HttpResponseException;
import io.wimigrate.executor.StepContext;
import io.wimigrate.planner.model.Target;

/** Harmless Azure reads that tell preflight whether apply can do its Azure work. */
public final class AzureReadiness {

    private AzureReadiness() {
    }

    /** Lists the identities of a resource group: the caller can reach ARM, read there, and the group exists. */
    public static int identitiesIn(StepContext context, String subscription, String resourceGroup) {
        String what = "list identities in resource group " + resourceGroup + " (subscription " + subscription + ")";
        try {
            return ArmCalls.retrying(what, context, () -> Identities.connection(context).msi(subscription)
                    .serviceClient().getUserAssignedIdentities().listByResourceGroup(resourceGroup).stream()
                    .toList().size());
        } catch (HttpResponseException e) {
            String fix = switch (ArmCalls.code(e)) {
                case "ResourceGroupNotFound" -> "Create the resource group, or plan again with --resource-group"
                        + " naming one that exists";
                case "SubscriptionNotFound" -> "Check the subscription id and that the caller's tenant holds it";
                default -> "The caller needs Managed Identity Contributor on the resource group (and Role Based"
                        + " Access Control Administrator on the scopes of copied roles)";
            };
            throw ArmCalls.failed(what, e, fix);
        }
    }

    /** How many federated credentials the identity holds; 0 when it does not exist yet (apply creates it). */
    public static int federatedCredentialCount(StepContext context, Target identity) {
        IdentityAddress address = IdentityAddress.of(identity);
        IdentityFederatedCredentials credentials = new IdentityFederatedCredentials(context, address);
        try {
            return ArmCalls.retrying("count federated credentials of " + address.display(), context,
                    () -> credentials.list().size());
        } catch (HttpResponseException e) {
            if (ArmCalls.status(e) == 404) {
                return 0;
            }
            throw ArmCalls.failed("count federated credentials of " + address.display(), e, null);
        }
    }

    /** The federated-credential limit of one identity. */
    public static int federatedCredentialLimit() {
        return FederatedCredentialCreation.LIMIT;
    }
}
