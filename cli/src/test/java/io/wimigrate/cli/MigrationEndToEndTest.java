package io.wimigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.wimigrate.executor.kube.SecretBackups;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.planner.io.PlanCodec;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
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
    private String plan;

    @BeforeEach
    void startWorld() {
        world = DemoWorld.start(Cli.PROJECT_ROOT.resolve("examples"), work, new PrintStream(
                PrintStream.nullOutputStream(), true, StandardCharsets.UTF_8));
        plan = work.resolve("plan.yaml").toString();
    }

    @AfterEach
    void stopWorld() {
        world.close();
    }

    @Test
    void fullApplyMigratesEveryWorkloadAndRollbackRestoresTheWorld() {
        WorldSnapshot before = WorldSnapshot.of(world.kube(), world.azure());
        MigrateRun made = migrate("plan", "--kubeconfig", kubeconfig(), "--repo", world.repo().toString(), "--location",
                DemoWorld.LOCATION, "--out", work.toString());
        assertThat(made.exit()).as(made.output()).isZero();
        List<String> options = DemoWorld.applyOptions(PlanCodec.read(Path.of(plan)));

        MigrateRun throughVerify = migrate(apply(options, "--through", "4"));
        MigrateRun rewrite = migrate("rewrite", "--repo", world.repo().toString(), "--plan", plan, "--write");
        MigrateRun cleanup = migrate(apply(options));

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
        MigrateRun verify = migrate("verify", plan);
        assertThat(verify.exit()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("9 workload(s) verified");

        MigrateRun rollback = migrate("rollback", plan, "--yes");

        assertThat(rollback.exit()).as(rollback.output()).isZero();
        assertThat(WorldSnapshot.of(world.kube(), world.azure()).objects())
                .isEqualTo(before.objects());
    }

    private static String[] apply(List<String> options, String... more) {
        List<String> apply = new ArrayList<>(List.of("apply", "PLAN"));
        apply.addAll(options);
        apply.addAll(List.of(more));
        return apply.toArray(String[]::new);
    }

    private MigrateRun migrate(String... args) {
        List<String> command = new ArrayList<>(List.of(args).stream().map(a -> "PLAN".equals(a) ? plan : a).toList());
        if (!List.of("plan", "rewrite").contains(args[0])) {
            command.addAll(List.of("--kubeconfig", kubeconfig()));
        }
        if (!"rewrite".equals(args[0])) {
            command.addAll(world.azureOptions());
        }
        return MigrateRun.of(world, command);
    }

    private String kubeconfig() {
        return work.resolve("kubeconfig").toString();
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
