package io.wimigrate.azure.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.resourcemanager.authorization.AuthorizationManager;
import com.azure.resourcemanager.authorization.models.RoleAssignment;
import com.azure.resourcemanager.msi.MsiManager;
import io.wimigrate.scanner.Progress;
import io.wimigrate.scanner.cluster.ClusterScanner;
import io.wimigrate.scanner.model.AzureIdentity;
import io.wimigrate.scanner.model.ClusterInventory;
import io.wimigrate.scanner.model.IdentityType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example's Azure side, seeded from the scan of examples/cluster and read back through the real SDK. */
class InventorySeederTest {

    private static final Path EXAMPLES = Path.of("").toAbsolutePath().getParent().resolve("examples");

    @Test
    void exampleIdentitiesAndRoleAssignmentsAreThereAsTheDumpNamesThem() {
        ClusterInventory cluster = new ClusterScanner()
                .scanDump(EXAMPLES.resolve("cluster"), "examples/cluster", false, Progress.NONE).value();
        AzureIdentity servicePrincipal = cluster.azureIdentities().stream()
                .filter(i -> i.type() == IdentityType.SERVICE_PRINCIPAL).findFirst().orElseThrow();
        String subscription = cluster.azureIdentities().stream().filter(i -> i.resourceId() != null)
                .findFirst().orElseThrow().resourceId().split("/")[2];

        try (AzureEmulator emulator = AzureEmulator.builder().tenantId(servicePrincipal.tenantId())
                .subscriptionIds(subscription).start()) {
            InventorySeeder.Seeded seeded = InventorySeeder.seed(emulator, cluster,
                    EXAMPLES.resolve("azure/role-assignments.yaml"), "eastus");
            SdkClients sdk = new SdkClients(emulator);
            SeededApplication operator = emulator.seed().servicePrincipalWithSecret("wimigrate");
            MsiManager msi = sdk.msi(sdk.secretCredential(operator));
            AuthorizationManager authorization = sdk.authorization(sdk.secretCredential(operator));

            for (AzureIdentity identity : cluster.azureIdentities()) {
                if (identity.type() == IdentityType.USER_ASSIGNED_MSI) {
                    assertThat(msi.identities().getById(identity.resourceId()).clientId())
                            .as(identity.ref().display()).isEqualTo(identity.clientId());
                }
            }
            SeededApplication legacy = seeded.servicePrincipals().get("orders/orders-legacy-sp");
            assertThat(legacy.appId()).isEqualTo(servicePrincipal.clientId());
            List<String> roles = authorization.roleAssignments()
                    .listByServicePrincipal(legacy.servicePrincipal().id()).stream()
                    .map(RoleAssignment::roleDefinitionId)
                    .map(id -> authorization.roleDefinitions().getById(id).roleName())
                    .sorted().toList();
            assertThat(roles).containsExactly("Reader", "Storage Blob Data Contributor");
        }
    }
}
