package io.wimigrate.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("live-cluster")
@ExtendWith(LocalClusterExtension.class)
class WebhookInjectionTest {

    private static final String CLIENT_ID = "4e5c1a7b-1d2f-4c3e-9a8b-7f6e5d4c3b2a";

    @Test
    void labelledDeploymentGetsWorkloadIdentityInjectedAndRuns(KubernetesClient client) {
        String ns = "wi-injection";
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                .create();
        client.serviceAccounts().inNamespace(ns).resource(new ServiceAccountBuilder()
                .withNewMetadata().withName("payments-api")
                .addToAnnotations("azure.workload.identity/client-id", CLIENT_ID).endMetadata()
                .build()).create();
        client.apps().deployments().inNamespace(ns).resource(new DeploymentBuilder()
                .withNewMetadata().withName("payments-api").endMetadata()
                .withNewSpec().withReplicas(1)
                .withNewSelector().addToMatchLabels("app", "payments-api").endSelector()
                .withNewTemplate()
                .withNewMetadata().addToLabels("app", "payments-api")
                .addToLabels("azure.workload.identity/use", "true").endMetadata()
                .withNewSpec().withServiceAccountName("payments-api")
                .addNewContainer().withName("api").withImage("contoso/payments-api:1.0").endContainer()
                .endSpec().endTemplate().endSpec()
                .build()).create();

        Pod pod = client.pods().inNamespace(ns).withLabel("app", "payments-api")
                .waitUntilCondition(p -> p != null && "Running".equals(p.getStatus().getPhase()), 60, TimeUnit.SECONDS);

        Container container = pod.getSpec().getContainers().get(0);
        List<String> env = container.getEnv().stream().map(EnvVar::getName).collect(Collectors.toList());
        assertThat(env).contains("AZURE_CLIENT_ID", "AZURE_TENANT_ID", "AZURE_FEDERATED_TOKEN_FILE",
                "AZURE_AUTHORITY_HOST");
        assertThat(container.getEnv()).filteredOn(e -> e.getName().equals("AZURE_CLIENT_ID"))
                .extracting(EnvVar::getValue).containsExactly(CLIENT_ID);
        assertThat(container.getEnv()).filteredOn(e -> e.getName().equals("AZURE_TENANT_ID"))
                .extracting(EnvVar::getValue).containsExactly(LocalCluster.TENANT_ID);
        assertThat(pod.getSpec().getVolumes())
                .filteredOn(volume -> volume.getProjected() != null)
                .flatMap(volume -> volume.getProjected().getSources())
                .filteredOn(source -> source.getServiceAccountToken() != null)
                .extracting(source -> source.getServiceAccountToken().getAudience())
                .contains("api://AzureADTokenExchange");
    }

    @Test
    void unlabelledPodIsLeftAlone(KubernetesClient client) {
        String ns = "wi-unlabelled";
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                .create();
        client.serviceAccounts().inNamespace(ns).withName("default")
                .waitUntilCondition(sa -> sa != null, 30, TimeUnit.SECONDS);
        Pod pod = client.pods().inNamespace(ns).resource(new PodBuilder()
                .withNewMetadata().withName("plain").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer().endSpec()
                .build()).create();

        assertThat(pod.getSpec().getContainers().get(0).getEnv()).noneMatch(e -> e.getName().startsWith("AZURE_"));
    }

    @Test
    void issuerDiscoveryIsAnonymousAndTokensCarryTheIssuer(LocalCluster cluster, KubernetesClient client)
            throws Exception {
        HttpClient anonymous = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(TrustStores.sslContextFor(cluster.caCertificate())).build();
        HttpResponse<String> discovery = anonymous.send(HttpRequest.newBuilder(
                URI.create(cluster.issuerUrl() + "/.well-known/openid-configuration")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(discovery.body()).contains("\"issuer\":\"" + cluster.issuerUrl() + "\"", "jwks_uri");

        String token = client.serviceAccounts().inNamespace("default").withName("default")
                .tokenRequest(new TokenRequestBuilder().withNewSpec()
                        .withAudiences("api://AzureADTokenExchange").withExpirationSeconds(3600L).endSpec().build())
                .getStatus().getToken();
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                StandardCharsets.UTF_8);
        assertThat(payload).contains("\"iss\":\"" + cluster.issuerUrl() + "\"", "api://AzureADTokenExchange",
                "system:serviceaccount:default:default");
    }
}
