package io.wimigrate.azure.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.management.Region;
import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.msi.MsiManager;
import com.azure.resourcemanager.msi.models.Identity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ManagedIdentityContractTest {
    private static AzureEmulator emulator;
    private static MsiManager msi;

    @BeforeAll
    static void start() {
        emulator = AzureEmulator.start();
        emulator.seed().resourceGroup("rg-apps", "eastus");
        SdkClients clients = new SdkClients(emulator);
        msi = clients.msi(clients.secretCredential(emulator.seed().servicePrincipalWithSecret("wimigrate")));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void createsGetsListsAndDeletesAnIdentity() {
        Identity created = msi.identities().define("id-orders").withRegion(Region.US_EAST)
                .withExistingResourceGroup("rg-apps").withTag("team", "orders").create();

        assertThat(UUID.fromString(created.clientId())).isNotNull();
        assertThat(UUID.fromString(created.principalId())).isNotNull();
        assertThat(created.tenantId()).isEqualTo(emulator.tenantId());
        assertThat(created.regionName()).isEqualTo("eastus");

        Identity fetched = msi.identities().getById(created.id());
        assertThat(fetched.clientId()).isEqualTo(created.clientId());
        assertThat(fetched.tags()).containsEntry("team", "orders");
        assertThat(msi.identities().listByResourceGroup("rg-apps")).extracting(Identity::name).contains("id-orders");
        assertThat(msi.identities().list()).extracting(Identity::name).contains("id-orders");

        msi.identities().deleteById(created.id());
        assertThat(emulator.state().identity(created.id())).isEmpty();
        assertThatThrownBy(() -> msi.identities().getByResourceGroup("rg-apps", "id-orders"))
                .isInstanceOfSatisfying(ManagementException.class,
                        e -> assertThat(e.getValue().getCode()).isEqualTo("ResourceNotFound"));
    }

    @Test
    void updateKeepsTheIdentitysClientAndPrincipalIds() {
        Identity first = msi.identities().define("id-stable").withRegion(Region.US_EAST)
                .withExistingResourceGroup("rg-apps").create();
        Identity again = msi.identities().define("id-stable").withRegion(Region.US_EAST)
                .withExistingResourceGroup("rg-apps").withTag("k", "v").create();

        assertThat(again.clientId()).isEqualTo(first.clientId());
        assertThat(again.principalId()).isEqualTo(first.principalId());
    }

    @Test
    void unknownResourceGroupIsResourceGroupNotFound() {
        assertThatThrownBy(() -> msi.identities().define("id-x").withRegion(Region.US_EAST)
                .withExistingResourceGroup("rg-missing").create())
                .isInstanceOfSatisfying(ManagementException.class,
                        e -> assertThat(e.getValue().getCode()).isEqualTo("ResourceGroupNotFound"));
    }

    @Test
    void requestsWithoutABearerTokenAreRefused() throws Exception {
        HttpClient raw = HttpClient.newBuilder().sslContext(emulator.clientSslContext()).build();
        HttpResponse<String> response = raw.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl()
                + "/subscriptions/" + emulator.subscriptionId() + "/providers/Microsoft.ManagedIdentity/"
                + "userAssignedIdentities?api-version=2024-11-30")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"code\":\"AuthenticationFailed\"");
        assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
    }
}
