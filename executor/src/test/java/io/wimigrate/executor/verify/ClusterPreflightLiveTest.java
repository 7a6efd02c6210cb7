package io.wimigrate.executor.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepFailedException;
import io.wimigrate.executor.Timeouts;
import io.wimigrate.localcluster.LocalCluster;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.planner.model.CheckPreflight;
import io.wimigrate.planner.model.Target;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The cluster preflight checks on the local cluster: its issuer, the upstream webhook, and the caller's access. */
@Tag("live-cluster")
@ExtendWith(LocalClusterExtension.class)
class ClusterPreflightLiveTest {

    private final PreflightCheck handler = new PreflightCheck();

    private static StepContext context(KubernetesClient kube) {
        return new StepContext(kube, null, value -> value, false, Timeouts.defaults(), line -> { });
    }

    private static CheckPreflight check(String check, String expect) {
        return new CheckPreflight(Target.cluster("local"), new CheckPreflight.Desired(check, expect), "preflight");
    }

    @Test
    void theIssuerServesDiscoveryAndKeysAnonymously(LocalCluster cluster, KubernetesClient kube) {
        assertThat(handler.apply(check("oidc-issuer", cluster.issuerUrl()), null, context(kube)).detail())
                .isEqualTo("OIDC issuer " + cluster.issuerUrl() + " serves its discovery document and 1 signing"
                        + " key(s)");
        assertThat(handler.apply(check("oidc-issuer", "enabled"), null, context(kube)).detail())
                .startsWith("OIDC issuer " + cluster.issuerUrl());
    }

    @Test
    void anIssuerOtherThanPlannedIsRefused(LocalCluster cluster, KubernetesClient kube) {
        assertThatThrownBy(() -> handler.apply(check("oidc-issuer", "https://eastus.oic.prod-aks.azure.com/t/c/"),
                null, context(kube))).isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Cluster/local signs tokens with issuer " + cluster.issuerUrl()
                        + ", but the plan federates https://eastus.oic.prod-aks.azure.com/t/c/")
                .hasMessageContaining("Run migrate plan again");
    }

    @Test
    void theWebhookIsRegisteredForLabelledPods(KubernetesClient kube) {
        assertThat(handler.apply(check("webhook", "azure-workload-identity"), null, context(kube)).detail())
                .isEqualTo("MutatingWebhookConfiguration azure-wi-webhook-mutating-webhook-configuration mutates"
                        + " pods labelled azure.workload.identity/use=true");
    }

    @Test
    void anAdminMayDoEverythingAndALimitedCallerIsToldWhatIsMissing(LocalCluster cluster, KubernetesClient kube) {
        assertThat(handler.apply(check("permissions", "create ServiceAccounts"), null, context(kube)).detail())
                .startsWith("the caller may make every change apply makes");

        String namespace = "exec-azure-" + UUID.randomUUID().toString().substring(0, 8);
        kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                .build()).create();
        try {
            kube.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder().withNewMetadata()
                    .withName("limited").endMetadata().build()).create();
            String token = kube.serviceAccounts().inNamespace(namespace).withName("limited").tokenRequest(
                    new TokenRequestBuilder().withNewSpec().withExpirationSeconds(600L).endSpec().build())
                    .getStatus().getToken();
            try (KubernetesClient limited = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                    .withMasterUrl(cluster.serverUrl()).withCaCertFile(cluster.caCertificate().toString())
                    .withOauthToken(token).build()).build()) {
                assertThatThrownBy(() -> handler.apply(check("permissions", "create ServiceAccounts"), null,
                        context(limited))).isInstanceOf(StepFailedException.class)
                        .hasMessageContaining("the caller may not create serviceaccounts, update serviceaccounts,")
                        .hasMessageContaining("delete aadpodidentity.k8s.io/azureidentitybindings")
                        .hasMessageContaining("run it as a cluster admin")
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token));
            }
        } finally {
            kube.namespaces().withName(namespace).delete();
        }
    }
}
