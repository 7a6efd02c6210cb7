package io.wimigrate.scanner.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.wimigrate.localcluster.LocalCluster;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.scanner.Progress;
import io.wimigrate.scanner.model.ClusterInventory;
import io.wimigrate.scanner.model.ScanOutcome;
import io.wimigrate.scanner.model.Workload;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Against the local control plane, through its kubeconfig. Creates objects in a fresh namespace. */
@Tag("live-cluster")
@ExtendWith(LocalClusterExtension.class)
class LiveClusterScanTest {

    private static final String NAMESPACE = "wimigrate-live-scan";

    @Test
    void scansObjectsCreatedThroughTheApi(LocalCluster cluster) throws Exception {
        KubeconfigClients clients = KubeconfigClients.of(cluster.kubeconfig());
        String context = clients.currentContext();
        try (KubernetesClient client = clients.client(context)) {
            CustomResourceDefinition identities = crd("azureidentities", "AzureIdentity");
            CustomResourceDefinition bindings = crd("azureidentitybindings", "AzureIdentityBinding");
            client.resource(identities).serverSideApply();
            client.resource(bindings).serverSideApply();
            client.apiextensions().v1().customResourceDefinitions().withName(identities.getMetadata().getName())
                    .waitUntilCondition(c -> c.getStatus() != null && c.getStatus().getAcceptedNames() != null
                            && "AzureIdentity".equals(c.getStatus().getAcceptedNames().getKind()), 30, TimeUnit.SECONDS);
            client.resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
                    .serverSideApply();
            try {
                create(client);
                ScanOutcome<ClusterInventory> outcome = new ClusterScanner().scanLive(client, context,
                        Set.of(NAMESPACE), false, Progress.NONE);

                Workload web = outcome.value().workloads().stream()
                        .filter(w -> w.ref().name().equals("web")).findFirst().orElseThrow();
                assertThat(web.identities()).singleElement()
                        .satisfies(b -> assertThat(b.identity().name()).isEqualTo("web-identity"));
                assertThat(web.secretUses()).singleElement()
                        .satisfies(u -> assertThat(u.secret().name()).isEqualTo("sp-creds"));
                assertThat(outcome.value().kubeSystemUid()).isNotBlank();
            } finally {
                client.namespaces().withName(NAMESPACE).delete();
            }
        }
    }

    private static void create(KubernetesClient client) {
        client.genericKubernetesResources(context("azureidentities", "AzureIdentity")).inNamespace(NAMESPACE)
                .resource(custom("AzureIdentity", "web-identity", Map.of("type", 0, "clientID", "c",
                        "resourceID", "/subscriptions/s/resourcegroups/rg/providers/x/web-identity")))
                .serverSideApply();
        client.genericKubernetesResources(context("azureidentitybindings", "AzureIdentityBinding"))
                .inNamespace(NAMESPACE)
                .resource(custom("AzureIdentityBinding", "web-binding",
                        Map.of("azureIdentity", "web-identity", "selector", "web")))
                .serverSideApply();
        Deployment web = new DeploymentBuilder()
                .withNewMetadata().withName("web").withNamespace(NAMESPACE).endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").addToLabels("aadpodidbinding", "web")
                .endMetadata().withNewSpec().addNewContainer().withName("app").withImage("example/web:1")
                .addNewEnv().withName("AZURE_CLIENT_SECRET").withNewValueFrom().withNewSecretKeyRef()
                .withName("sp-creds").withKey("secret").endSecretKeyRef().endValueFrom().endEnv()
                .endContainer().endSpec().endTemplate().endSpec().build();
        client.resource(web).serverSideApply();
    }

    private static GenericKubernetesResource custom(String kind, String name, Map<String, Object> spec) {
        return new GenericKubernetesResourceBuilder().withApiVersion("aadpodidentity.k8s.io/v1").withKind(kind)
                .withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
                .addToAdditionalProperties("spec", spec).build();
    }

    private static ResourceDefinitionContext context(String plural, String kind) {
        return new ResourceDefinitionContext.Builder().withGroup("aadpodidentity.k8s.io").withVersion("v1")
                .withPlural(plural).withKind(kind).withNamespaced(true).build();
    }

    private static CustomResourceDefinition crd(String plural, String kind) {
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(plural + ".aadpodidentity.k8s.io")
                // *.k8s.io groups are protected: the API server wants this annotation on new CRDs.
                .addToAnnotations("api-approved.kubernetes.io", "unapproved, aad-pod-identity CRDs for a test")
                .endMetadata()
                .withNewSpec().withGroup("aadpodidentity.k8s.io").withScope("Namespaced")
                .withNewNames().withPlural(plural).withKind(kind).endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true)
                .withNewSchema().withNewOpenAPIV3Schema().withType("object")
                .withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema()
                .endVersion().endSpec().build();
    }
}
