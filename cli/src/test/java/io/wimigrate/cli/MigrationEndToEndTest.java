package io.wimigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.wimigrate.cli.DemoWorldRuns.Run;
import io.wimigrate.executor.kube.SecretBackups;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.planner.io.PlanCodec;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples migrated for real, as an operator would do it: separate {@code migrate} processes against a fresh
 * local cluster and the Azure emulator seeded from {@code examples/} (the demo's world), checked object by object.
 */
@Tag("live-cluster")
@ExtendWith(LocalClusterExtension.class)
@LocalClusterExtension.OwnClusters
class MigrationEndToEndTest {

    @TempDir
    Path work;

    private DemoWorld world;
    private DemoWorldRuns runs;
    private String plan;

    @BeforeEach
    void startWorld() {
        world = DemoWorld.start(Cli.PROJECT_ROOT.resolve("examples"), work, new PrintStream(
                PrintStream.nullOutputStream(), true, StandardCharsets.UTF_8));
        runs = new DemoWorldRuns(world, work);
        plan = runs.plan();
    }

    @AfterEach
    void stopWorld() {
        world.close();
    }

    @Test
    void fullApplyMigratesEveryWorkloadAndRollbackRestoresTheWorld() {
        WorldSnapshot before = WorldSnapshot.of(world.kube(), world.azure());
        Run made = runs.makePlan();
        assertThat(made.exit()).as(made.output()).isZero();
        List<String> options = DemoWorld.applyOptions(PlanCodec.read(Path.of(plan)));

        Run throughVerify = runs.apply(options, "--through", "4");
        Run rewrite = runs.migrate("rewrite", "--repo", world.repo().toString(), "--plan", plan, "--write");
        Run cleanup = runs.apply(options);

        assertThat(List.of(throughVerify, rewrite, cleanup)).allSatisfy(run -> assertThat(run.exit())
                .as(run.output()).isZero());
        assertThat(throughVerify.output()).contains("verify-workload").doesNotContain("failed");
        KubernetesClient kube = world.kube();
        assertThat(kube.apiextensions().v1().customResourceDefinitions().list().getItems())
                .noneMatch(crd -> crd.getSpec().getGroup().equals("aadpodidentity.k8s.io"));
        assertThat(kube.apps().deployments().inNamespace("aad-pod-identity").list().getItems()).isEmpty();
        assertThat(kube.apps().daemonSets().inNamespace("aad-pod-identity").list().getItems()).isEmpty();
        for (String kind : List.of("Deployment", "StatefulSet", "DaemonSet", "CronJob", "Pod")) {
            assertThat(kube.genericKubernetesResources(apiVersion(kind), kind).inAnyNamespace().list().getItems())
                    .as(kind + "s whose pods are still labelled aadpodidbinding")
                    .noneMatch(object -> podLabels(object).containsKey("aadpodidbinding"));
        }
        assertThat(spSecrets(kube)).as("service-principal Secrets left, other than backups").isEmpty();
        Run verify = runs.migrate("verify", plan);
        assertThat(verify.exit()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("9 workload(s) verified");

        Run rollback = runs.migrate("rollback", plan, "--yes");

        assertThat(rollback.exit()).as(rollback.output()).isZero();
        assertThat(WorldSnapshot.of(world.kube(), world.azure()).objects())
                .isEqualTo(before.objects());
    }

    private static List<String> spSecrets(KubernetesClient kube) {
        return kube.secrets().inAnyNamespace().list().getItems().stream()
                .filter(secret -> secret.getData() != null && secret.getData().containsKey("clientSecret")
                        || secret.getData() != null && secret.getData().containsKey("AZURE_CLIENT_SECRET"))
                .filter(secret -> secret.getMetadata().getLabels() == null
                        || !secret.getMetadata().getLabels().containsKey(SecretBackups.BACKUP_LABEL))
                .map(Secret::getMetadata).map(m -> m.getNamespace() + "/" + m.getName()).toList();
    }

    private static String apiVersion(String kind) {
        return switch (kind) {
            case "Pod" -> "v1";
            case "CronJob" -> "batch/v1";
            default -> "apps/v1";
        };
    }

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    /** The labels the object's pods get: a Pod's own, or its template's. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> podLabels(GenericKubernetesResource object) {
        List<String> path = switch (object.getKind()) {
            case "Pod" -> List.of("metadata");
            case "CronJob" -> List.of("spec", "jobTemplate", "spec", "template", "metadata");
            default -> List.of("spec", "template", "metadata");
        };
        Map<String, Object> node = JSON.convertValue(object, Map.class);
        for (String key : path) {
            node = node.get(key) instanceof Map<?, ?> next ? (Map<String, Object>) next : Map.of();
        }
        return node.get("labels") instanceof Map<?, ?> labels ? (Map<String, Object>) labels : Map.of();
    }
}
