package io.wimigrate.executor.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepFailedException;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.planner.model.RestartWorkload;
import io.wimigrate.planner.model.Target;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("live-cluster")
@ExtendWith(LocalClusterExtension.class)
class WorkloadRestartTest {

    private static final String CLIENT_ID = "95a6e16b-64b9-4c89-83d4-a384434f4c20";

    private final WorkloadRestart handler = new WorkloadRestart();

    private static RestartWorkload step(Target target, String method) {
        return new RestartWorkload(target, new RestartWorkload.Desired(method), "test");
    }

    private static Set<String> pods(KubeFixtures fx, String app) {
        return fx.client.pods().inNamespace(fx.namespace).withLabel("app", app).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .map(p -> p.getMetadata().getUid()).collect(Collectors.toSet());
    }

    @Test
    void rolloutRestartReplacesThePodsOnceAndWaitsForTheRollout(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "restart");
        for (Target workload : List.of(fx.deployment("api", Map.of()), fx.statefulSet("ledger"),
                fx.daemonSet("agent"))) {
            fx.settled(workload);
            Set<String> before = pods(fx, workload.name());
            RestartWorkload step = step(workload, "rollout-restart");
            ObjectNode prior = handler.observe(step, fx.context());

            Applied applied = handler.apply(step, prior, fx.context());

            assertThat(applied.changed()).as(workload.kind()).isTrue();
            assertThat(applied.detail()).contains("rollout complete");
            assertThat(RolloutStatus.pending(fx.read(workload))).as(workload.kind()).isNull();
            assertThat(pods(fx, workload.name())).as(workload.kind()).isNotEmpty().doesNotContainAnyElementsOf(before);
            StepChecks.reapplyIsNoOp(fx, handler, step, prior, workload);
        }
    }

    /**
     * The webhook reads ServiceAccounts from a cache: one lagging behind the API server (as after a restart of
     * either) admits pods with the token volume but without the client id the ServiceAccount names by then. Here the
     * ServiceAccount gets its client id only once the first restart's pod exists, which a minReadySeconds keeps from
     * completing the rollout before it: the step finds the pod lacking AZURE_CLIENT_ID, sees from a dry-run pod that
     * the webhook now injects it, and restarts once more.
     */
    @Test
    void podsAdmittedBeforeTheWebhookSawTheServiceAccountsClientIdAreRestartedAgain(KubernetesClient client)
            throws InterruptedException {
        KubeFixtures fx = new KubeFixtures(client, "restart-lagging");
        Target deployment = fx.deployment("api", Map.of("azure.workload.identity/use", "true"));
        fx.patch(deployment, "{\"spec\":{\"minReadySeconds\":3}}");
        fx.settled(deployment);
        Set<String> before = pods(fx, "api");
        RestartWorkload step = step(deployment, "rollout-restart");
        ObjectNode prior = handler.observe(step, fx.context());
        Thread annotate = new Thread(() -> {
            while (before.containsAll(pods(fx, "api"))) {
                KubeFixtures.sleep();
            }
            fx.client.serviceAccounts().inNamespace(fx.namespace).withName("default").edit(sa -> {
                sa.getMetadata().setAnnotations(Map.of("azure.workload.identity/client-id", CLIENT_ID));
                return sa;
            });
        }, "client-id-after-admission");
        annotate.start();

        Applied applied = handler.apply(step, prior, fx.context());

        annotate.join();
        assertThat(applied.changed()).isTrue();
        assertThat(applied.detail()).contains("restarted Deployment/" + fx.namespace + "/api 2 times");
        assertThat(fx.log).anyMatch(line -> line.contains("container api lacks AZURE_CLIENT_ID"))
                .anyMatch(line -> line.contains("the webhook injects a pod of its template now"));
        assertThat(fx.client.pods().inNamespace(fx.namespace).withLabel("app", "api").list().getItems())
                .filteredOn(p -> p.getMetadata().getDeletionTimestamp() == null).isNotEmpty()
                .allSatisfy(pod -> assertThat(pod.getSpec().getContainers().get(0).getEnv())
                        .anyMatch(e -> e.getName().equals("AZURE_CLIENT_ID") && CLIENT_ID.equals(e.getValue())));
    }

    @Test
    void dryRunRestartsNothing(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "restart-dry");
        Target deployment = fx.deployment("api", Map.of());
        fx.settled(deployment);
        String version = fx.resourceVersion(deployment);

        StepChecks.dryRunChangesNothing(fx, handler, step(deployment, "rollout-restart"), deployment);

        assertThat(fx.resourceVersion(deployment)).isEqualTo(version);
        assertThat(fx.read(deployment).at("/spec/template/metadata").has("annotations")).isFalse();
    }

    @Test
    void aRolloutThatCannotCompleteFailsAfterTheTimeoutNamingTheWorkload(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "restart-stuck");
        Target deployment = fx.deployment("api", Map.of());
        fx.settled(deployment);
        fx.patch(deployment, "{\"spec\":{\"template\":{\"spec\":{\"serviceAccountName\":\"missing\"}}}}");
        RestartWorkload step = step(deployment, "rollout-restart");
        var shortWait = fx.context(Map.of(), false, Duration.ofSeconds(3));

        assertThatThrownBy(() -> handler.apply(step, handler.observe(step, shortWait), shortWait))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Deployment/" + fx.namespace + "/api")
                .hasMessageContaining("rollout");
    }

    @Test
    void aCronJobWaitsForItsNextRun(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "restart-cron");
        Target cronJob = fx.cronJob("report", Map.of());
        String version = fx.resourceVersion(cronJob);
        RestartWorkload step = step(cronJob, "next-scheduled-run");

        Applied applied = handler.apply(step, handler.observe(step, fx.context()), fx.context());

        assertThat(applied.changed()).isFalse();
        assertThat(applied.detail()).contains("next scheduled run (0 3 * * *)");
        assertThat(fx.resourceVersion(cronJob)).isEqualTo(version);
    }

    @Test
    void aJobIsRunAgainOnce(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "restart-job");
        Target job = fx.job("migrate-db");
        String uid = fx.read(job).at("/metadata/uid").asText();
        RestartWorkload step = step(job, "rerun");
        ObjectNode prior = handler.observe(step, fx.context());

        Applied applied = handler.apply(step, prior, fx.context());

        ObjectNode rerun = fx.read(job);
        assertThat(applied.changed()).isTrue();
        assertThat(rerun.at("/metadata/uid").asText()).isNotEqualTo(uid);
        assertThat(rerun.at("/status/startTime").isMissingNode()).isFalse();
        StepChecks.reapplyIsNoOp(fx, handler, step, prior, job);
    }

    @Test
    void aJobDeletedByACrashBeforeItsRerunIsCreatedFromTheJournal(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "restart-job-crash");
        Target job = fx.job("migrate-db");
        RestartWorkload step = step(job, "rerun");
        ObjectNode prior = handler.observe(step, fx.context());
        client.batch().v1().jobs().inNamespace(fx.namespace).withName("migrate-db").delete();
        client.batch().v1().jobs().inNamespace(fx.namespace).withName("migrate-db")
                .waitUntilCondition(j -> j == null, 60, TimeUnit.SECONDS);

        assertThat(handler.apply(step, prior, fx.context()).changed()).isTrue();

        ObjectNode rerun = fx.read(job);
        assertThat(rerun.at("/spec/template/spec/containers/0/image").asText()).isEqualTo(KubeFixtures.IMAGE);
        assertThat(rerun.at("/status/startTime").isMissingNode()).isFalse();
    }

    @Test
    void aBarePodIsRecreatedWithAWarningAndTheWebhookMutatesTheNewOne(KubernetesClient client) {
        KubeFixtures fx = withFederatedDefaultServiceAccount(client, "restart-pod");
        Target pod = fx.pod("debug", Map.of("azure.workload.identity/use", "true"));
        Pod original = client.pods().inNamespace(fx.namespace).withName("debug").get();
        assertThat(original.getSpec().getContainers().get(0).getEnv()).extracting("name").contains("AZURE_CLIENT_ID");
        RestartWorkload step = step(pod, "recreate-pod");
        ObjectNode prior = handler.observe(step, fx.context());

        Applied applied = handler.apply(step, prior, fx.context());

        Pod recreated = client.pods().inNamespace(fx.namespace).withName("debug").get();
        assertThat(applied.changed()).isTrue();
        assertThat(recreated.getMetadata().getUid()).isNotEqualTo(original.getMetadata().getUid());
        assertThat(recreated.getStatus().getPhase()).isEqualTo("Running");
        assertThat(recreated.getSpec().getContainers().get(0).getEnv()).extracting("name")
                .containsOnlyOnce("AZURE_CLIENT_ID");
        assertThat(recreated.getSpec().getVolumes()).extracting(v -> v.getName())
                .filteredOn(name -> name.startsWith("azure-workload-identity-reserved-")).hasSize(1);
        assertThat(fx.log).anyMatch(line -> line.startsWith("warning: Pod/" + fx.namespace + "/debug is a bare Pod"));
        StepChecks.reapplyIsNoOp(fx, handler, step, prior, pod);
        assertThat(prior.at("/pod/metadata/name").asText()).isEqualTo("debug");
        assertThat(prior.at("/pod/metadata").has("uid")).isFalse();
    }

    @Test
    void revertPutsBackABarePodThatWasLabelledAfterItWasCreatedWithoutTheWebhooksInjection(KubernetesClient client) {
        KubeFixtures fx = withFederatedDefaultServiceAccount(client, "restart-pod-revert");
        Target pod = fx.pod("debug", Map.of("app", "debug"));
        client.pods().inNamespace(fx.namespace).withName("debug").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"labels\":{\"azure.workload.identity/use\":\"true\"}}}");
        RestartWorkload step = step(pod, "recreate-pod");
        ObjectNode prior = handler.observe(step, fx.context());
        handler.apply(step, prior, fx.context());
        assertThat(injected(client.pods().inNamespace(fx.namespace).withName("debug").get())).isTrue();

        handler.revert(step, prior, fx.context());

        Pod reverted = client.pods().inNamespace(fx.namespace).withName("debug").get();
        assertThat(injected(reverted)).as("the webhook's env and token volume").isFalse();
        assertThat(reverted.getMetadata().getLabels()).containsEntry("azure.workload.identity/use", "true");
        handler.revert(step, prior, fx.context());
        assertThat(client.pods().inNamespace(fx.namespace).withName("debug").get().getMetadata().getUid())
                .as("a second revert changes nothing").isEqualTo(reverted.getMetadata().getUid());
    }

    /** A namespace whose default ServiceAccount names a client id, so the webhook mutates its labelled pods. */
    private static KubeFixtures withFederatedDefaultServiceAccount(KubernetesClient client, String namespace) {
        KubeFixtures fx = new KubeFixtures(client, namespace);
        fx.client.serviceAccounts().inNamespace(fx.namespace).withName("default").edit(sa -> {
            sa.getMetadata().setAnnotations(Map.of("azure.workload.identity/client-id", CLIENT_ID));
            return sa;
        });
        return fx;
    }

    private static boolean injected(Pod pod) {
        return pod.getSpec().getContainers().get(0).getEnv().stream().anyMatch(e -> e.getName()
                .equals("AZURE_CLIENT_ID")) || pod.getSpec().getVolumes().stream()
                .anyMatch(v -> v.getName().startsWith("azure-workload-identity-reserved-"));
    }
}
