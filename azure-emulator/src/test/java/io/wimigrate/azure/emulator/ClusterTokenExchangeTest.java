package io.wimigrate.azure.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.TokenRequestContext;
import com.azure.core.management.Region;
import com.azure.resourcemanager.msi.MsiManager;
import com.azure.resourcemanager.msi.fluent.models.FederatedIdentityCredentialInner;
import com.azure.resourcemanager.msi.models.Identity;
import com.microsoft.aad.msal4j.MsalServiceException;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.localcluster.LocalCluster;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.localcluster.TrustStores;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole chain with real parts: a service-account token signed by the local kube-apiserver, a federated
 * credential created through azure-resourcemanager-msi, and the emulator's token endpoint validating the token
 * against the API server's own discovery document and JWKS.
 */
@Tag("live-cluster")
@ExtendWith(LocalClusterExtension.class)
class ClusterTokenExchangeTest {

    private static final String NAMESPACE = "wi-exchange";

    @Test
    void serviceAccountTokenIsExchangedOnlyForTheFederatedSubject(LocalCluster cluster, KubernetesClient client) {
        try (AzureEmulator emulator = AzureEmulator.builder()
                .issuerTrust(TrustStores.sslContextFor(cluster.caCertificate())).start()) {
            SdkClients sdk = new SdkClients(emulator);
            SeededApplication operator = emulator.seed().servicePrincipalWithSecret("wimigrate");
            emulator.seed().resourceGroup("rg-payments", "eastus");
            MsiManager msi = sdk.msi(sdk.secretCredential(operator));
            Identity identity = msi.identities().define("id-payments-api").withRegion(Region.US_EAST)
                    .withExistingResourceGroup("rg-payments").create();
            msi.serviceClient().getFederatedIdentityCredentials().createOrUpdate("rg-payments", identity.name(),
                    "wi-exchange-payments-api", new FederatedIdentityCredentialInner()
                            .withIssuer(cluster.issuerUrl())
                            .withSubject("system:serviceaccount:" + NAMESPACE + ":payments-api")
                            .withAudiences(List.of("api://AzureADTokenExchange")));
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata()
                    .build()).serverSideApply();
            for (String name : List.of("payments-api", "orders-api")) {
                client.serviceAccounts().inNamespace(NAMESPACE).resource(new ServiceAccountBuilder()
                        .withNewMetadata().withName(name).endMetadata().build()).serverSideApply();
            }
            TokenRequestContext arm = new TokenRequestContext().addScopes(sdk.armScope());

            String accessToken = sdk.assertionCredential(identity.clientId(), () -> serviceAccountToken(client,
                    "payments-api")).getTokenSync(arm).getToken();

            assertThat(accessToken).isNotBlank();
            assertThatThrownBy(() -> sdk.assertionCredential(identity.clientId(),
                    () -> serviceAccountToken(client, "orders-api")).getToken(arm).block())
                    .isInstanceOf(MsalServiceException.class)
                    .hasMessageStartingWith("AADSTS70021:");
        }
    }

    private static String serviceAccountToken(KubernetesClient client, String serviceAccount) {
        return client.serviceAccounts().inNamespace(NAMESPACE).withName(serviceAccount)
                .tokenRequest(new TokenRequestBuilder().withNewSpec()
                        .withAudiences("api://AzureADTokenExchange").withExpirationSeconds(3600L).endSpec().build())
                .getStatus().getToken();
    }
}
