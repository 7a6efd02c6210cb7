package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.wimigrate.executor.MapPlaceholders;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.Timeouts;
import io.wimigrate.localcluster.DumpSeeder;
import io.wimigrate.planner.model.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A namespace of a test's own on the shared local cluster, small workloads in it, step contexts to run handlers
 * with, and the comparable form of an object (what rollback must restore: no resourceVersion, managedFields,
 * generation, status or restart annotation).
 */
final class KubeFixtures {

    static final String CLUSTER = "local";
    static final Path PROJECT_ROOT = Path.of("").toAbsolutePath().getParent();
    static final String IMAGE = "example.invalid/app:1.0";
    private static final List<String> CONTROLLER_ANNOTATIONS = List.of("deployment.kubernetes.io/revision",
            "deprecated.daemonset.template.generation");

    final KubernetesClient client;
    final String namespace;
    final List<String> log = new ArrayList<>();

    KubeFixtures(KubernetesClient client, String prefix) {
        this.client = client;
        this.namespace = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                .build()).create();
        client.serviceAccounts().inNamespace(namespace).withName("default")
                .waitUntilCondition(sa -> sa != null, 30, TimeUnit.SECONDS);
    }

    StepContext context() {
        return context(Map.of(), false);
    }

    StepContext dryRun() {
        return context(Map.of(), true);
    }

    StepContext context(Map<String, String> outputs, boolean dryRun) {
        return context(outputs, dryRun, Duration.ofSeconds(90));
    }

    StepContext context(Map<String, String> outputs, boolean dryRun, Duration rollout) {
        return new StepContext(client, null, new MapPlaceholders(outputs), dryRun,
                new Timeouts(rollout, Duration.ofSeconds(5), Duration.ofMillis(10)), log::add);
    }

    Target target(String apiVersion, String kind, String name) {
        return Target.kube(CLUSTER, apiVersion, kind, namespace, name);
    }

    ObjectNode read(Target target) {
        return KubeObject.of(target).read(context()).orElse(null);
    }

    /**
     * The object as rollback must restore it: without resourceVersion, managedFields, generation, status, restart
     * annotation and the revision counters controllers keep in annotations.
     */
    ObjectNode comparable(Target target) {
        ObjectNode object = read(target);
        object.remove("status");
        ObjectNode metadata = (ObjectNode) object.get("metadata");
        metadata.remove(List.of("resourceVersion", "managedFields", "generation"));
        ObjectNode annotations = Json.find(object, "metadata.annotations");
        if (annotations != null) {
            annotations.remove(CONTROLLER_ANNOTATIONS);
            if (annotations.isEmpty()) {
                metadata.remove("annotations");
            }
        }
        ObjectNode templateAnnotations = Json.find(object, "spec.template.metadata.annotations");
        if (templateAnnotations != null) {
            templateAnnotations.remove(WorkloadRestart.RESTARTED_AT);
        }
        return object;
    }

    /** Waits until a workload's controller is done with it, so its resourceVersion stays put. */
    void settled(Target target) {
        if (List.of("Deployment", "StatefulSet", "DaemonSet").contains(target.kind())) {
            KubeObject.of(target).awaitCondition(context(), Duration.ofSeconds(60),
                    o -> o != null && RolloutStatus.pending(o) == null, "to settle");
        }
        String version = resourceVersion(target);
        for (int quiet = 0; quiet < 4; quiet++) {
            sleep();
            String now = resourceVersion(target);
            if (!now.equals(version)) {
                version = now;
                quiet = -1;
            }
        }
    }

    /** A JSON merge patch, as another writer (kubectl, a controller) would send it: no resourceVersion. */
    void patch(Target target, String mergePatch) {
        client.genericKubernetesResources(target.apiVersion(), target.kind()).inNamespace(namespace)
                .withName(target.name()).patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch);
    }

    /** The AAD Pod Identity CRDs of examples/cluster, created once per cluster (server-side apply). */
    static void podIdentityCrds(KubernetesClient client) {
        try {
            Path dir = Files.createTempDirectory("crds");
            Files.copy(PROJECT_ROOT.resolve("examples/cluster/crds.yaml"), dir.resolve("crds.yaml"));
            DumpSeeder.seed(client, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A custom resource of the pod identity CRDs in this namespace. */
    Target podIdentityObject(String kind, String name, String spec) {
        String apiVersion = "aadpodidentity.k8s.io/v1";
        client.genericKubernetesResources(apiVersion, kind).inNamespace(namespace).resource(client
                .getKubernetesSerialization().unmarshal("{\"apiVersion\":\"" + apiVersion + "\",\"kind\":\"" + kind
                        + "\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"team\":\"orders\"}},\"spec\":"
                        + spec + "}", io.fabric8.kubernetes.api.model.GenericKubernetesResource.class)).create();
        return target(apiVersion, kind, name);
    }

    /** {@link #comparable} for an object created again: a new uid and creation time are expected. */
    ObjectNode recreatable(Target target) {
        ObjectNode object = comparable(target);
        ((ObjectNode) object.get("metadata")).remove(List.of("uid", "creationTimestamp"));
        return object;
    }

    Target configMap(String name) {
        client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                .endMetadata().addToData("key", "value").build()).create();
        return target("v1", "ConfigMap", name);
    }

    static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String resourceVersion(Target target) {
        return read(target).path("metadata").path("resourceVersion").asText();
    }

    Target deployment(String name, Map<String, String> templateLabels) {
        client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withTemplate(template(name, templateLabels, "Always")).endSpec().build()).create();
        return target("apps/v1", "Deployment", name);
    }

    Target statefulSet(String name) {
        client.apps().statefulSets().inNamespace(namespace).resource(new StatefulSetBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withReplicas(1).withServiceName(name)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withTemplate(template(name, Map.of(), "Always")).endSpec().build()).create();
        return target("apps/v1", "StatefulSet", name);
    }

    Target daemonSet(String name) {
        client.apps().daemonSets().inNamespace(namespace).resource(new DaemonSetBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", name).endSelector()
                .withTemplate(template(name, Map.of(), "Always")).endSpec().build()).create();
        return target("apps/v1", "DaemonSet", name);
    }

    Target cronJob(String name, Map<String, String> templateLabels) {
        client.batch().v1().cronjobs().inNamespace(namespace).resource(new CronJobBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withSchedule("0 3 * * *").withNewJobTemplate().withNewSpec()
                .withTemplate(template(name, templateLabels, "OnFailure")).endSpec().endJobTemplate().endSpec()
                .build()).create();
        return target("batch/v1", "CronJob", name);
    }

    Target job(String name) {
        client.batch().v1().jobs().inNamespace(namespace).resource(new JobBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withTemplate(template(name, Map.of(), "Never")).endSpec().build()).create();
        return target("batch/v1", "Job", name);
    }

    Target pod(String name, Map<String, String> labels) {
        client.pods().inNamespace(namespace).resource(new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata().withName(name).addToLabels(labels).endMetadata()
                .withSpec(podSpec(name, "Always")).build()).create();
        return target("v1", "Pod", name);
    }

    private static PodTemplateSpec template(String name, Map<String, String> labels, String restartPolicy) {
        return new PodTemplateSpecBuilder().withNewMetadata().addToLabels("app", name).addToLabels(labels)
                .endMetadata().withSpec(podSpec(name, restartPolicy)).build();
    }

    private static PodSpec podSpec(String name, String restartPolicy) {
        return new PodSpecBuilder().withRestartPolicy(restartPolicy).withTerminationGracePeriodSeconds(1L)
                .addNewContainer().withName(name).withImage(IMAGE).endContainer().build();
    }
}
