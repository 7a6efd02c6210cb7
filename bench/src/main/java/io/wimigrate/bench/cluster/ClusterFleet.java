package io.wimigrate.bench.cluster;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.localcluster.DumpSeeder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Fills a live cluster like a large tenant's: 2,000 namespaces with a ServiceAccount each, 5,000 Secrets (one in seven
 * deployments reads a service-principal Secret), 500 AzureIdentities with their bindings, and Deployments of ten pods
 * each (Deployment -> ReplicaSet -> Pods with controller ownerReferences; the first 500 carry the pod identity label of
 * their namespace's binding). Pods are created directly, in parallel, and never scheduled ({@link #SCHEDULER} does not
 * exist, so no kwok churn); the ReplicaSet controller cannot add pods of its own because the templates name a
 * PriorityClass that does not exist, which admission refuses, while the pods created here leave it out.
 */
public final class ClusterFleet implements AutoCloseable {

    public static final int NAMESPACES = 2_000;
    public static final int IDENTITIES = 500;
    public static final int SECRETS = 5_000;
    /** Every Secret's values start with it: the canary the bench's results must never hold. */
    public static final String SECRET_VALUE_PREFIX = "not-a-secret-";
    public static final int PODS_PER_DEPLOYMENT = 10;
    static final String SCHEDULER = "wimigrate-bench-never-scheduled";
    static final String BLOCKED_PRIORITY_CLASS = "wimigrate-bench-no-such-class";
    static final String SERVICE_ACCOUNT = "app";
    private static final int THREADS = 24;

    private final KubernetesClient client;
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    private int deployments;

    public ClusterFleet(KubernetesClient client) {
        this.client = client;
    }

    /** Pods created so far. */
    public int pods() {
        return deployments * PODS_PER_DEPLOYMENT;
    }

    /** The CRDs of examples/cluster, the namespaces, ServiceAccounts, Secrets and pod identity objects. */
    public void createBase(Path crds) {
        seedCrds(client, crds);
        inParallel(NAMESPACES, i -> {
            client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace(i)).endMetadata().build())
                    .create();
            client.resource(new ServiceAccountBuilder().withNewMetadata().withName(SERVICE_ACCOUNT)
                    .withNamespace(namespace(i)).endMetadata().build()).create();
        });
        inParallel(SECRETS, this::createSecret);
        inParallel(IDENTITIES, i -> {
            client.resource(azureIdentity(i)).create();
            client.resource(binding(i)).create();
        });
    }

    /** Adds Deployments (with their ReplicaSets and pods) until the fleet has {@code pods} pods. */
    public void growTo(int pods) {
        int target = pods / PODS_PER_DEPLOYMENT;
        int first = deployments;
        inParallel(target - first, offset -> createDeployment(first + offset));
        deployments = target;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    static String namespace(int i) {
        return String.format("team-%04d", i % NAMESPACES);
    }

    /** The CRDs in {@code crds} (a dump file such as examples/cluster/crds.yaml), created in the cluster. */
    public static void seedCrds(KubernetesClient client, Path crds) {
        try {
            Path dir = Files.createTempDirectory("wimigrate-bench-crds-");
            Files.copy(crds, dir.resolve("crds.yaml"));
            DumpSeeder.seed(client, dir);
            Files.delete(dir.resolve("crds.yaml"));
            Files.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot seed the CRDs of " + crds, e);
        }
    }

    private void createSecret(int i) {
        // Secret i lives in namespace i % 2000: the first of each namespace is the service-principal one when the
        // namespace's deployment reads it.
        boolean sp = i < NAMESPACES && readsSpSecret(i);
        Map<String, String> data = new TreeMap<>();
        if (sp) {
            data.put("clientId", encode("00000000-0000-0000-0000-" + String.format("%012d", i)));
            data.put("clientSecret", encode(SECRET_VALUE_PREFIX + i));
        } else {
            data.put("password", encode(SECRET_VALUE_PREFIX + i));
        }
        client.resource(new SecretBuilder().withNewMetadata().withName(sp ? "sp-credentials" : "secret-" + i)
                .withNamespace(namespace(i)).endMetadata().withData(data).build()).create();
    }

    private static boolean readsSpSecret(int deployment) {
        return deployment % 7 == 3;
    }

    private void createDeployment(int i) {
        String ns = namespace(i);
        String name = "app-" + i;
        Map<String, String> labels = new TreeMap<>(Map.of("app", name));
        if (i < IDENTITIES) {
            labels.put("aadpodidbinding", "id-" + i);
        }
        Deployment deployment = client.resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(ns).withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(PODS_PER_DEPLOYMENT).withPaused(true)
                .withNewSelector().withMatchLabels(labels).endSelector()
                .withTemplate(template(labels, podSpec(i, true))).endSpec()
                .build()).create();
        ReplicaSet replicaSet = client.resource(new ReplicaSetBuilder()
                .withNewMetadata().withName(name + "-rs").withNamespace(ns).withLabels(labels)
                .withOwnerReferences(owner(deployment)).endMetadata()
                .withNewSpec().withReplicas(PODS_PER_DEPLOYMENT)
                .withNewSelector().withMatchLabels(labels).endSelector()
                .withTemplate(template(labels, podSpec(i, true))).endSpec()
                .build()).create();
        for (int p = 0; p < PODS_PER_DEPLOYMENT; p++) {
            client.resource(new PodBuilder()
                    .withNewMetadata().withName(name + "-rs-" + p).withNamespace(ns).withLabels(labels)
                    .withOwnerReferences(owner(replicaSet)).endMetadata()
                    .withSpec(podSpec(i, false)).build()).create();
        }
    }

    private static PodTemplateSpec template(Map<String, String> labels, PodSpec spec) {
        return new PodTemplateSpecBuilder().withNewMetadata().withLabels(labels).endMetadata().withSpec(spec).build();
    }

    private static PodSpec podSpec(int deployment, boolean template) {
        List<EnvVar> env = new ArrayList<>(List.of(new EnvVar("LOG_LEVEL", "info", null)));
        if (readsSpSecret(deployment)) {
            env.add(new EnvVarBuilder().withName("AZURE_CLIENT_ID").withNewValueFrom().withNewSecretKeyRef()
                    .withName("sp-credentials").withKey("clientId").endSecretKeyRef().endValueFrom().build());
            env.add(new EnvVarBuilder().withName("AZURE_CLIENT_SECRET").withNewValueFrom().withNewSecretKeyRef()
                    .withName("sp-credentials").withKey("clientSecret").endSecretKeyRef().endValueFrom().build());
        }
        return new PodSpecBuilder().withServiceAccountName(SERVICE_ACCOUNT).withSchedulerName(SCHEDULER)
                .withPriorityClassName(template ? BLOCKED_PRIORITY_CLASS : null)
                .withContainers(new ContainerBuilder().withName("app")
                        .withImage("registry.example.com/app-" + deployment + ":1.0").withEnv(env).build())
                .build();
    }

    private static OwnerReference owner(HasMetadata owner) {
        return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }

    private static GenericKubernetesResource azureIdentity(int i) {
        return new GenericKubernetesResourceBuilder().withApiVersion("aadpodidentity.k8s.io/v1")
                .withKind("AzureIdentity").withNewMetadata().withName("id-" + i).withNamespace(namespace(i))
                .endMetadata()
                .addToAdditionalProperties("spec", Map.of("type", 0,
                        "clientID", String.format("00000000-0000-0000-0001-%012d", i),
                        "resourceID", "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-bench"
                                + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-" + i))
                .build();
    }

    private static GenericKubernetesResource binding(int i) {
        return new GenericKubernetesResourceBuilder().withApiVersion("aadpodidentity.k8s.io/v1")
                .withKind("AzureIdentityBinding").withNewMetadata().withName("id-" + i + "-binding")
                .withNamespace(namespace(i)).endMetadata()
                .addToAdditionalProperties("spec", Map.of("azureIdentity", "id-" + i, "selector", "id-" + i))
                .build();
    }

    private static String encode(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private void inParallel(int count, IntConsumer task) {
        inParallel(pool, count, task);
    }

    /** {@code task(0..count-1)} on {@code pool}; the first failure is rethrown once all have run. */
    public static void inParallel(ExecutorService pool, int count, IntConsumer task) {
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            futures.add(pool.submit(() -> task.accept(index)));
        }
        try {
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while filling the cluster", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("filling the cluster failed: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
