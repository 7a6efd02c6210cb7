package io.wimigrate.azure.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Puts pre-existing objects into the emulator for tests and the demo. Seeded objects count as old: they are past any
 * propagation or replication delay. Rule checks still apply: a 21st FIC, for one, is an IllegalArgumentException.
 */
public final class Seeder {
    public static final String TOKEN_EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";

    private final AzureState state;
    private final String defaultSubscriptionId;

    Seeder(AzureState state, String defaultSubscriptionId) {
        this.state = state;
        this.defaultSubscriptionId = defaultSubscriptionId;
    }

    public ResourceGroup resourceGroup(String name, String location) {
        return resourceGroup(defaultSubscriptionId, name, location);
    }

    public ResourceGroup resourceGroup(String subscriptionId, String name, String location) {
        if (!state.hasSubscription(subscriptionId)) {
            throw new IllegalArgumentException("unknown subscription " + subscriptionId);
        }
        ResourceGroup group = new ResourceGroup(subscriptionId, name, location);
        state.putResourceGroup(group);
        return group;
    }

    /** A user-assigned identity in the default subscription; the resource group is made if missing. */
    public ManagedIdentity identity(String resourceGroup, String name, String location) {
        return identity(defaultSubscriptionId, resourceGroup, name, location, Map.of());
    }

    public ManagedIdentity identity(String subscriptionId, String resourceGroup, String name, String location,
                                    Map<String, String> tags) {
        return identity(subscriptionId, resourceGroup, name, location, tags, UUID.randomUUID().toString());
    }

    /**
     * An identity that already exists in Azure, known by its ARM id and client id as an AzureIdentity records them
     * ({@code /subscriptions/S/resourceGroups/G/providers/Microsoft.ManagedIdentity/userAssignedIdentities/N}).
     */
    public ManagedIdentity existingIdentity(String resourceId, String clientId, String location) {
        String[] parts = resourceId.split("/");
        if (parts.length != 9 || !"userAssignedIdentities".equalsIgnoreCase(parts[7])) {
            throw new IllegalArgumentException("not a user-assigned identity id: " + resourceId);
        }
        return identity(parts[2], parts[4], parts[8], location, Map.of(), clientId);
    }

    private ManagedIdentity identity(String subscriptionId, String resourceGroup, String name, String location,
                                     Map<String, String> tags, String clientId) {
        ResourceGroup group = state.resourceGroup(subscriptionId, resourceGroup)
                .orElseGet(() -> resourceGroup(subscriptionId, resourceGroup, location));
        return state.putIdentity(new ManagedIdentity(
                UserAssignedIdentityHandler.idOf(subscriptionId, group.name(), name), subscriptionId, group.name(),
                name, location, tags, state.tenantId(), UUID.randomUUID().toString(), clientId, longAgo()));
    }

    public FederatedCredential federatedCredential(ManagedIdentity identity, String name, String issuer,
                                                   String subject) {
        FederatedCredential credential = new FederatedCredential(identity.id() + "/federatedIdentityCredentials/"
                + name, name, issuer, subject, List.of(TOKEN_EXCHANGE_AUDIENCE), null, longAgo());
        return write(AzureState.identityOwner(identity.id()), credential, "Managed Identity");
    }

    public FederatedCredential federatedCredential(Application application, String name, String issuer,
                                                   String subject) {
        FederatedCredential credential = new FederatedCredential(UUID.randomUUID().toString(), name, issuer, subject,
                List.of(TOKEN_EXCHANGE_AUDIENCE), null, longAgo());
        return write(AzureState.applicationOwner(application.id()), credential, "application");
    }

    /** An app registration and its service principal, without credentials. */
    public SeededApplication application(String displayName) {
        return application(displayName, UUID.randomUUID().toString());
    }

    /** An app registration that already exists with client id {@code appId}, and its service principal. */
    public SeededApplication application(String displayName, String appId) {
        Application application = new Application(UUID.randomUUID().toString(), appId, displayName, List.of(),
                longAgo());
        ServicePrincipal principal = new ServicePrincipal(UUID.randomUUID().toString(), appId, displayName, longAgo());
        state.putApplication(application);
        state.putServicePrincipal(principal);
        return new SeededApplication(application, principal, null);
    }

    /** An app registration and service principal with one client secret, returned here and nowhere else. */
    public SeededApplication servicePrincipalWithSecret(String displayName) {
        return servicePrincipalWithSecret(displayName, UUID.randomUUID().toString());
    }

    /** As {@link #servicePrincipalWithSecret(String)}, for an app registration whose client id is known. */
    public SeededApplication servicePrincipalWithSecret(String displayName, String appId) {
        SeededApplication seeded = application(displayName, appId);
        GraphApplicationHandler.NewSecret secret = GraphApplicationHandler.newPassword("seeded");
        Application withSecret = state.updateApplication(seeded.application().id(),
                a -> GraphApplicationHandler.withPassword(a, secret.credential())).orElseThrow();
        return new SeededApplication(withSecret, seeded.servicePrincipal(), secret.text());
    }

    public RoleAssignment roleAssignment(String scope, RoleDefinition role, String principalId) {
        try {
            ArmScope.requireScope(state, scope);
        } catch (ApiException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        String name = UUID.randomUUID().toString();
        String subscriptionId = scope.startsWith("/subscriptions/") ? scope.split("/")[2] : defaultSubscriptionId;
        String roleDefinitionId = "/subscriptions/" + subscriptionId + "/providers/Microsoft.Authorization/"
                + "roleDefinitions/" + role.name();
        RoleAssignment assignment = new RoleAssignment(RoleAssignmentHandler.idOf(scope, name), name, scope,
                roleDefinitionId, principalId, "ServicePrincipal", longAgo());
        state.putRoleAssignment(assignment);
        return assignment;
    }

    private FederatedCredential write(String owner, FederatedCredential credential, String ownerNoun) {
        try {
            state.writeFic(owner, credential, ownerNoun);
            return credential;
        } catch (FicRuleViolation e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static Instant longAgo() {
        return Instant.now().minus(Duration.ofDays(1));
    }
}
