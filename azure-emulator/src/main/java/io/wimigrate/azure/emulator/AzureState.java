package io.wimigrate.azure.emulator;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Everything the emulated tenant and subscriptions hold. ARM ids are compared case-insensitively, as ARM does.
 * Reads return immutable snapshots, so tests can inspect state while requests are served.
 */
public final class AzureState {
    private final String tenantId;
    private final Set<String> subscriptionIds;
    private final Map<String, ResourceGroup> resourceGroups = new LinkedHashMap<>();
    private final Map<String, ManagedIdentity> identities = new LinkedHashMap<>();
    private final Map<String, Map<String, FederatedCredential>> federatedCredentials = new LinkedHashMap<>();
    private final Map<String, RoleDefinition> roleDefinitions = new LinkedHashMap<>();
    private final Map<String, RoleAssignment> roleAssignments = new LinkedHashMap<>();
    private final Map<String, ServicePrincipal> servicePrincipals = new LinkedHashMap<>();
    private final Map<String, Application> applications = new LinkedHashMap<>();

    AzureState(String tenantId, Set<String> subscriptionIds) {
        this.tenantId = tenantId;
        this.subscriptionIds = Set.copyOf(subscriptionIds);
        BuiltInRoles.ALL.forEach(r -> roleDefinitions.put(r.name(), r));
    }

    public String tenantId() {
        return tenantId;
    }

    public Set<String> subscriptionIds() {
        return subscriptionIds;
    }

    boolean hasSubscription(String subscriptionId) {
        return subscriptionIds.stream().anyMatch(s -> s.equalsIgnoreCase(subscriptionId));
    }

    // ---- resource groups

    synchronized void putResourceGroup(ResourceGroup group) {
        resourceGroups.put(key(group.subscriptionId() + "/" + group.name()), group);
    }

    public synchronized Optional<ResourceGroup> resourceGroup(String subscriptionId, String name) {
        return Optional.ofNullable(resourceGroups.get(key(subscriptionId + "/" + name)));
    }

    // ---- managed identities

    public synchronized List<ManagedIdentity> identities() {
        return List.copyOf(identities.values());
    }

    public synchronized Optional<ManagedIdentity> identity(String id) {
        return Optional.ofNullable(identities.get(key(id)));
    }

    synchronized Optional<ManagedIdentity> identityByClientId(String clientId) {
        return identities.values().stream().filter(i -> i.clientId().equalsIgnoreCase(clientId)).findFirst();
    }

    /** Creates or replaces; an existing identity keeps its principal and client ids, as in Azure. */
    synchronized ManagedIdentity putIdentity(ManagedIdentity identity) {
        ManagedIdentity stored = identity(identity.id())
                .map(old -> new ManagedIdentity(old.id(), old.subscriptionId(), old.resourceGroup(), old.name(),
                        identity.location(), identity.tags(), old.tenantId(), old.principalId(), old.clientId(),
                        old.createdAt()))
                .orElse(identity);
        identities.put(key(identity.id()), stored);
        return stored;
    }

    synchronized boolean deleteIdentity(String id) {
        federatedCredentials.remove(identityOwner(id));
        return identities.remove(key(id)) != null;
    }

    // ---- federated identity credentials (owner: an identity's ARM id or an application's object id)

    /** Credentials on a managed identity, by its ARM id. */
    public synchronized List<FederatedCredential> federatedCredentials(String identityId) {
        return ficsOf(identityOwner(identityId));
    }

    /** Credentials on an app registration, by its object id. */
    public synchronized List<FederatedCredential> applicationFederatedCredentials(String applicationObjectId) {
        return ficsOf(applicationOwner(applicationObjectId));
    }

    synchronized List<FederatedCredential> ficsOf(String owner) {
        return List.copyOf(federatedCredentials.getOrDefault(owner, Map.of()).values());
    }

    synchronized Optional<FederatedCredential> fic(String owner, String nameOrId) {
        return federatedCredentials.getOrDefault(owner, Map.of()).values().stream()
                .filter(f -> f.name().equalsIgnoreCase(nameOrId) || f.id().equalsIgnoreCase(nameOrId))
                .findFirst();
    }

    /** Writes after checking Entra's rules; throws {@link FicRuleViolation}. Returns true when it was created. */
    synchronized boolean writeFic(String owner, FederatedCredential candidate, String ownerNoun) {
        Map<String, FederatedCredential> owned = federatedCredentials.computeIfAbsent(owner, o -> new LinkedHashMap<>());
        FicRules.check(owned.values(), candidate, ownerNoun);
        return owned.put(key(candidate.name()), candidate) == null;
    }

    synchronized Optional<FederatedCredential> deleteFic(String owner, String nameOrId) {
        Optional<FederatedCredential> found = fic(owner, nameOrId);
        found.ifPresent(f -> federatedCredentials.get(owner).remove(key(f.name())));
        return found;
    }

    static String identityOwner(String identityId) {
        return "identity:" + key(identityId);
    }

    static String applicationOwner(String applicationObjectId) {
        return "application:" + key(applicationObjectId);
    }

    // ---- role definitions and assignments

    public synchronized List<RoleDefinition> roleDefinitions() {
        return List.copyOf(roleDefinitions.values());
    }

    synchronized Optional<RoleDefinition> roleDefinition(String guid) {
        return Optional.ofNullable(roleDefinitions.get(key(guid)));
    }

    public synchronized List<RoleAssignment> roleAssignments() {
        return List.copyOf(roleAssignments.values());
    }

    synchronized Optional<RoleAssignment> roleAssignment(String id) {
        return Optional.ofNullable(roleAssignments.get(key(id)));
    }

    synchronized void putRoleAssignment(RoleAssignment assignment) {
        roleAssignments.put(key(assignment.id()), assignment);
    }

    synchronized Optional<RoleAssignment> deleteRoleAssignment(String id) {
        return Optional.ofNullable(roleAssignments.remove(key(id)));
    }

    // ---- directory: service principals and applications

    public synchronized List<ServicePrincipal> servicePrincipals() {
        return List.copyOf(servicePrincipals.values());
    }

    public synchronized List<Application> applications() {
        return List.copyOf(applications.values());
    }

    synchronized void putServicePrincipal(ServicePrincipal principal) {
        servicePrincipals.put(key(principal.id()), principal);
    }

    synchronized Optional<ServicePrincipal> servicePrincipal(String objectId) {
        return Optional.ofNullable(servicePrincipals.get(key(objectId)));
    }

    synchronized void putApplication(Application application) {
        applications.put(key(application.id()), application);
    }

    synchronized Optional<Application> application(String objectId) {
        return Optional.ofNullable(applications.get(key(objectId)));
    }

    synchronized Optional<Application> applicationByAppId(String appId) {
        return applications.values().stream().filter(a -> a.appId().equalsIgnoreCase(appId)).findFirst();
    }

    synchronized Optional<Application> updateApplication(String objectId, UnaryOperator<Application> change) {
        return application(objectId).map(a -> {
            Application updated = change.apply(a);
            applications.put(key(objectId), updated);
            return updated;
        });
    }

    /** When the directory object behind a principal id was created: a managed identity or a service principal. */
    synchronized Optional<Instant> principalCreatedAt(String principalId) {
        return identities.values().stream().filter(i -> i.principalId().equalsIgnoreCase(principalId))
                .map(ManagedIdentity::createdAt)
                .findFirst()
                .or(() -> servicePrincipal(principalId).map(ServicePrincipal::createdAt));
    }

    synchronized boolean secretMatches(String appId, byte[] secretSha256) {
        return applicationByAppId(appId).stream()
                .flatMap(a -> a.passwordCredentials().stream())
                .anyMatch(p -> MessageDigest.isEqual(p.secretSha256(), secretSha256));
    }

    static String key(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
