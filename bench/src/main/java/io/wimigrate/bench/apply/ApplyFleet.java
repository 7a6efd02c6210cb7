package io.wimigrate.bench.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.azure.emulator.AzureEmulator;
import io.wimigrate.azure.emulator.ManagedIdentity;
import io.wimigrate.bench.cluster.ClusterFleet;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A pod-identity fleet to migrate: {@code identities} user-assigned identities in the emulator, each with an
 * AzureIdentity and a binding in a namespace of its own, and {@code workloads} one-replica Deployments, workload w in
 * identity w % identities's namespace with a ServiceAccount of its own (so one federated credential each) and the
 * binding's label. The pods run on the cluster's kwok nodes, so rollouts complete.
 */
final class ApplyFleet {

    static final String RESOURCE_GROUP = "rg-bench-identities";
    static final String LOCATION = "eastus";
    private static final int THREADS = 16;
    private static final int PODS_PER_NODE = 110;

    private final KubernetesClient client;
    private final AzureEmulator azure;
    private final int workloads;
    private final int identities;

    ApplyFleet(KubernetesClient client, AzureEmulator azure, int workloads, int identities) {
        this.client = client;
        this.azure = azure;
        this.workloads = workloads;
        this.identities = identities;
    }

    void create(Path crds) {
        ClusterFleet.seedCrds(client, crds);
        addNodes();
        azure.seed().resourceGroup(RESOURCE_GROUP, LOCATION);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            ClusterFleet.inParallel(pool, identities, i -> {
                ManagedIdentity identity = azure.seed().identity(RESOURCE_GROUP, identityName(i), LOCATION);
                client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace(i)).endMetadata()
                        .build()).create();
                client.resource(azureIdentity(i, identity)).create();
                client.resource(binding(i)).create();
            });
            ClusterFleet.inParallel(pool, workloads, this::createWorkload);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits until every Deployment has its replica ready (kwok marks pods ready once scheduled). */
    void awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            long ready = client.apps().deployments().inAnyNamespace().withLabel("wimigrate-bench", "apply").list()
                    .getItems().stream().filter(d -> d.getStatus() != null
                            && Integer.valueOf(1).equals(d.getStatus().getReadyReplicas())
                            && d.getMetadata().getGeneration().equals(d.getStatus().getObservedGeneration()))
                    .count();
            if (ready == workloads) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(ready + " of " + workloads + " Deployments ready after " + timeout);
            }
            Thread.sleep(2000);
        }
    }

    /**
     * kwok nodes for every pod and its rollout's surge pod: the local cluster's own two hold 110 pods each, as a
     * kubelet's default allows.
     */
    private void addNodes() {
        int nodes = (2 * workloads + PODS_PER_NODE - 1) / PODS_PER_NODE;
        Map<String, Quantity> resources = Map.of("cpu", new Quantity("32"), "memory", new Quantity("256Gi"),
                "pods", new Quantity(String.valueOf(PODS_PER_NODE)));
        for (int i = 0; i < nodes; i++) {
            String name = "kwok-bench-node-" + i;
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name)
                    .addToAnnotations("kwok.x-k8s.io/node", "fake").addToLabels("kubernetes.io/hostname", name)
                    .addToLabels("kubernetes.io/os", "linux").addToLabels("type", "kwok").endMetadata()
                    .withNewStatus().withAllocatable(resources).withCapacity(resources).endStatus().build())
                    .create();
        }
    }

    static String namespace(int identity) {
        return String.format("bench-%03d", identity);
    }

    static String identityName(int identity) {
        return String.format("id-bench-%03d", identity);
    }

    private void createWorkload(int w) {
        int identity = w % identities;
        String ns = namespace(identity);
        String name = String.format("app-%03d", w);
        client.resource(new ServiceAccountBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .build()).create();
        Map<String, String> labels = Map.of("app", name, "aadpodidbinding", identityName(identity));
        Deployment deployment = new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(ns).withLabels(Map.of("wimigrate-bench", "apply"))
                .endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(Map.of("app", name)).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().withServiceAccountName(name).addNewContainer().withName("app")
                .withImage("example.azurecr.io/bench/app:1.0").endContainer().endSpec().endTemplate()
                .endSpec().build();
        client.resource(deployment).create();
    }

    private GenericKubernetesResource azureIdentity(int i, ManagedIdentity identity) {
        return new GenericKubernetesResourceBuilder().withApiVersion("aadpodidentity.k8s.io/v1")
                .withKind("AzureIdentity").withNewMetadata().withName(identityName(i)).withNamespace(namespace(i))
                .endMetadata().withAdditionalProperties(Map.of("spec", Map.of("type", 0, "resourceID",
                        identity.id(), "clientID", identity.clientId(), "tenantID", azure.tenantId())))
                .build();
    }

    private static GenericKubernetesResource binding(int i) {
        return new GenericKubernetesResourceBuilder().withApiVersion("aadpodidentity.k8s.io/v1")
                .withKind("AzureIdentityBinding").withNewMetadata().withName(identityName(i) + "-binding")
                .withNamespace(namespace(i)).endMetadata().withAdditionalProperties(Map.of("spec", Map.of(
                        "azureIdentity", identityName(i), "selector", identityName(i))))
                .build();
    }
}
