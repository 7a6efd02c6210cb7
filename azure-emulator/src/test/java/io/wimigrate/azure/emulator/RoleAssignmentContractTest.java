package io.wimigrate.azure.emulator;

import static io.wimigrate.azure.emulator.FederatedCredentialContractTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.management.Region;
import com.azure.resourcemanager.authorization.AuthorizationManager;
import com.azure.resourcemanager.authorization.fluent.RoleAssignmentsClient;
import com.azure.resourcemanager.authorization.fluent.models.RoleAssignmentInner;
import com.azure.resourcemanager.authorization.models.BuiltInRole;
import com.azure.resourcemanager.authorization.models.PrincipalType;
import com.azure.resourcemanager.authorization.models.RoleAssignment;
import com.azure.resourcemanager.authorization.models.RoleAssignmentCreateParameters;
import com.azure.resourcemanager.authorization.models.RoleDefinition;
import com.azure.resourcemanager.authorization.models.ServicePrincipal;
import com.azure.resourcemanager.msi.models.Identity;
import com.azure.core.util.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoleAssignmentContractTest {
    private static AzureEmulator emulator;
    private static SdkClients clients;
    private static SeededApplication caller;
    private static AuthorizationManager authorization;
    private static RoleAssignmentsClient assignments;
    private static String groupScope;

    @BeforeAll
    static void start() {
        emulator = AzureEmulator.start();
        clients = new SdkClients(emulator);
        caller = emulator.seed().servicePrincipalWithSecret("wimigrate");
        authorization = clients.authorization(clients.secretCredential(caller));
        assignments = authorization.roleServiceClient().getRoleAssignments();
        groupScope = "/subscriptions/" + emulator.subscriptionId() + "/resourceGroups/rg-data";
        emulator.seed().resourceGroup("rg-data", "eastus");
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.faults().reset();
    }

    @Test
    void createThenTheSameAssignmentUnderAnotherNameIsRoleAssignmentExists() {
        ManagedIdentity identity = emulator.seed().identity("rg-data", "id-blob", "eastus");

        RoleAssignmentInner created = assignments.create(groupScope, UUID.randomUUID().toString(),
                params(BuiltInRoles.STORAGE_BLOB_DATA_READER, identity.principalId()));

        assertThat(created.principalId()).isEqualTo(identity.principalId());
        assertThat(created.scope()).isEqualTo(groupScope);
        assertRefused(() -> assignments.create(groupScope, UUID.randomUUID().toString(),
                params(BuiltInRoles.STORAGE_BLOB_DATA_READER, identity.principalId())), 409, "RoleAssignmentExists",
                "already exists");
        assertThat(assignments.get(groupScope, created.name()).roleDefinitionId())
                .endsWith(BuiltInRoles.STORAGE_BLOB_DATA_READER.name());
    }

    @Test
    void listsByPrincipalAtAboveAndBelowAScope() {
        ManagedIdentity identity = emulator.seed().identity("rg-data", "id-list", "eastus");
        String subscriptionScope = "/subscriptions/" + emulator.subscriptionId();
        assignments.create(subscriptionScope, UUID.randomUUID().toString(),
                params(BuiltInRoles.READER, identity.principalId()));
        assignments.create(groupScope + "/providers/Microsoft.Storage/storageAccounts/st1",
                UUID.randomUUID().toString(), params(BuiltInRoles.STORAGE_BLOB_DATA_CONTRIBUTOR,
                        identity.principalId()));
        String filter = "principalId eq '" + identity.principalId() + "'";

        assertThat(assignments.listForScope(groupScope.substring(1), encoded(filter), null, null, Context.NONE))
                .extracting(RoleAssignmentInner::roleDefinitionId)
                .hasSize(2);
        assertThat(assignments.listForScope(groupScope.substring(1), encoded("atScope() and " + filter), null, null,
                Context.NONE)).extracting(RoleAssignmentInner::scope).containsExactly(subscriptionScope);
    }

    @Test
    void theFluentApiAssignsABuiltInRoleAndListsByServicePrincipal() {
        ManagedIdentity identity = emulator.seed().identity("rg-data", "id-fluent", "eastus");

        RoleAssignment created = authorization.roleAssignments().define(UUID.randomUUID().toString())
                .forObjectId(identity.principalId())
                .withBuiltInRole(BuiltInRole.STORAGE_BLOB_DATA_READER)
                .withScope(groupScope)
                .create();

        assertThat(created.roleDefinitionId()).endsWith(BuiltInRoles.STORAGE_BLOB_DATA_READER.name());
        assertThat(authorization.roleAssignments().listByServicePrincipal(identity.principalId()))
                .extracting(RoleAssignment::scope)
                .containsExactly(groupScope);
        assertThat(authorization.roleAssignments().getByScope(groupScope, created.name()).principalId())
                .isEqualTo(identity.principalId());
        authorization.roleAssignments().deleteById(created.id());
        assertThat(authorization.roleAssignments().listByServicePrincipal(identity.principalId())).isEmpty();
    }

    @Test
    void deleteRemovesTheAssignment() {
        ManagedIdentity identity = emulator.seed().identity("rg-data", "id-delete", "eastus");
        String name = UUID.randomUUID().toString();
        assignments.create(groupScope, name, params(BuiltInRoles.READER, identity.principalId()));

        assignments.delete(groupScope, name);

        assertThat(emulator.state().roleAssignments()).noneMatch(a -> a.name().equals(name));
    }

    @Test
    void aPrincipalStillReplicatingIsNotFoundUnlessThePrincipalTypeIsGiven() {
        emulator.faults().principalReplicationDelay(Duration.ofMinutes(5));
        Identity fresh = clients.msi(clients.secretCredential(caller)).identities().define("id-fresh")
                .withRegion(Region.US_EAST).withExistingResourceGroup("rg-data").create();

        assertRefused(() -> assignments.create(groupScope, UUID.randomUUID().toString(),
                params(BuiltInRoles.READER, fresh.principalId()).withPrincipalType(null)), 400, "PrincipalNotFound",
                "replication delay");
        assertThat(assignments.create(groupScope, UUID.randomUUID().toString(),
                params(BuiltInRoles.READER, fresh.principalId())).principalType())
                .isEqualTo(PrincipalType.SERVICE_PRINCIPAL);
    }

    @Test
    void unknownPrincipalsAndRolesAndNonGuidNamesAreRefused() {
        ManagedIdentity identity = emulator.seed().identity("rg-data", "id-bad", "eastus");

        assertRefused(() -> assignments.create(groupScope, UUID.randomUUID().toString(),
                params(BuiltInRoles.READER, UUID.randomUUID().toString())), 400, "PrincipalNotFound", "does not exist");
        assertRefused(() -> assignments.create(groupScope, "not-a-guid",
                params(BuiltInRoles.READER, identity.principalId())), 400, "InvalidRoleAssignmentId", "GUID");
        assertRefused(() -> assignments.create(groupScope, UUID.randomUUID().toString(),
                params(BuiltInRoles.READER, identity.principalId()).withRoleDefinitionId("/subscriptions/"
                        + emulator.subscriptionId() + "/providers/Microsoft.Authorization/roleDefinitions/"
                        + UUID.randomUUID())), 400, "RoleDefinitionDoesNotExist", "does not exist");
    }

    @Test
    void builtInRoleDefinitionsAreReadable() {
        RoleDefinition reader = authorization.roleDefinitions()
                .getByScopeAndRoleName("subscriptions/" + emulator.subscriptionId(), "Reader");

        assertThat(reader.name()).isEqualTo("acdd72a7-3385-48ef-bd42-f606fba81ae7");
        assertThat(reader.permissions()).isNotEmpty();
    }

    @Test
    void servicePrincipalsAreFoundInGraphByAppId() {
        assertThat(authorization.servicePrincipals().listByFilter("appId eq '" + caller.appId() + "'"))
                .extracting(ServicePrincipal::id)
                .containsExactly(caller.servicePrincipal().id());
    }

    /**
     * The inner client declares {@code $filter} as already encoded; the JDK HTTP client then refuses the raw spaces
     * and quotes (URISyntaxException, retried until the retry budget is spent).
     */
    private static String encoded(String filter) {
        return URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private RoleAssignmentCreateParameters params(io.wimigrate.azure.emulator.RoleDefinition role, String principalId) {
        return new RoleAssignmentCreateParameters()
                .withRoleDefinitionId("/subscriptions/" + emulator.subscriptionId()
                        + "/providers/Microsoft.Authorization/roleDefinitions/" + role.name())
                .withPrincipalId(principalId)
                .withPrincipalType(PrincipalType.SERVICE_PRINCIPAL);
    }
}
