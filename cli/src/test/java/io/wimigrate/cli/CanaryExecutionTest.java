package io.wimigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.scanner.FileTrees;
import io.wimigrate.executor.ToolNamespace;
import io.wimigrate.executor.kube.SecretBackups;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.planner.io.PlanCodec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CanaryTest} for the commands that change a cluster: the examples, with canary values planted in the
 * service-principal Secrets (data and the {@code kubectl.kubernetes.io/last-applied-configuration} annotation that
 * repeats it), a workload's literal env, Spring config and Helm values, migrated for real by {@code migrate --debug}
 * processes (plan, a stale-plan refusal, dry run, apply, rewrite, verify, status, an unauthorized run, rollback). No canary, nor
 * the operator's Azure secret, is in any output, the local or the in-cluster journal, or the Secret backups' labels
 * and annotations (their data holds the values: it is the backup). SARIF and patches are written and checked too.
 */
@Tag("live-cluster")
@ExtendWith(LocalClusterExtension.class)
@LocalClusterExtension.OwnClusters
class CanaryExecutionTest {

    private static final List<String> CANARIES = List.of("wimigrate-canary-secret-data-1",
            "wimigrate-canary-secret-data-2", "wimigrate-canary-secret-data-3", "wimigrate-canary-literal-env",
            "wimigrate-canary-drifted-env", "wimigrate-canary-spring-property", "wimigrate-canary-helm-value",
            "wimigrate-canary-kubeconfig-token");
    private static final String EXAMPLE_VALUE = "ZXhhbXBsZS1ub3QtYS1yZWFsLXNlY3JldC0";

    @TempDir
    Path work;

    private final List<String> seen = new ArrayList<>();
    private DemoWorld world;
    private String plan;

    @Test
    void noCanaryLeavesItsPlaceThroughApplyVerifyStatusAndRollback() throws Exception {
        Path examples = plant(work.resolve("examples"));
        try (DemoWorld started = DemoWorld.start(examples, work.resolve("world"), new PrintStream(
                PrintStream.nullOutputStream(), true, StandardCharsets.UTF_8))) {
            world = started;
            plan = work.resolve("world/plan.yaml").toString();
            KubernetesClient kube = world.kube();
            List<String> secrets = new ArrayList<>(CANARIES);
            secrets.add(world.operatorSecret());

            expect(0, "scan", "--kubeconfig", kubeconfig(), "--list-secrets", "--repo", repo(), "-o", "sarif",
                    "--out", work.resolve("scan.sarif").toString());
            seen.add(Files.readString(work.resolve("scan.sarif")));
            makePlan();
            // A workload changed after planning: the refusal names the drift, not the env values.
            kube.apps().deployments().inNamespace("orders").withName("orders-notifier").edit(d -> {
                d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                        .filter(env -> env.getName().equals("SMTP_PASSWORD"))
                        .forEach(env -> env.setValue(CANARIES.get(4)));
                return d;
            });
            String refused = expect(ExitCode.FINDINGS, apply("--through", "4"));
            assertThat(refused).contains("stale", "orders-notifier");
            DemoWorld.awaitWorkloads(kube);
            makePlan();
            expect(0, apply("--through", "2", "--dry-run"));
            expect(0, apply("--through", "4"));
            expect(0, "rewrite", "--repo", repo(), "--plan", plan, "--patch", work.resolve("repo.patch").toString());
            seen.add(Files.readString(work.resolve("repo.patch")));
            expect(0, "rewrite", "--repo", repo(), "--plan", plan, "--write");
            String cleanup = expect(0, apply());
            assertThat(cleanup).contains("backup-and-delete-secret");
            expect(0, withTarget("verify", plan));
            expect(0, withTarget("status", plan));
            expect(0, withTarget("status", plan, "--local"));
            Path stolen = Files.writeString(work.resolve("bad-kubeconfig"), Files.readString(Path.of(kubeconfig()))
                    .replaceAll("(?m)^(\\s*)client-certificate.*$", "$1token: " + CANARIES.get(7))
                    .replaceAll("(?m)^\\s*client-key.*$", ""));
            expect(ExitCode.FAILURE, "status", plan, "--kubeconfig", stolen.toString());

            List<Secret> backups = kube.secrets().inAnyNamespace().withLabel(SecretBackups.BACKUP_LABEL).list()
                    .getItems();
            assertThat(backups).as("the cleanup moved the service-principal Secrets to backups").isNotEmpty();
            backups.stream().map(Secret::getMetadata).forEach(meta -> seen.add(metadata(meta)));
            assertThat(String.join("\n", backups.stream().map(Secret::getData).map(String::valueOf).toList()))
                    .as("the backups hold the values, so the check of their metadata means something")
                    .contains(CanaryTest.base64(CANARIES.get(0)));
            String journal = journals(kube);
            assertThat(journal).contains("backup-and-delete-secret", "remove-secret-reference");

            expect(0, withTarget("rollback", plan, "--yes"));
            seen.add(journals(kube));
            seen.add(journal);

            String everything = String.join("\n", seen);
            CanaryTest.assertNone(everything, secrets);
            assertThat(everything).doesNotContain(EXAMPLE_VALUE);
        }
    }

    /** The examples with canaries in place of the example's values, and a secret literal in a workload's env. */
    private static Path plant(Path examples) throws IOException {
        FileTrees.copy(Cli.PROJECT_ROOT.resolve("examples"), examples);
        Path secrets = examples.resolve("cluster/secrets.yaml");
        String text = Files.readString(secrets);
        for (int i = 1; i <= 3; i++) {
            text = text.replace(EXAMPLE_VALUE + (char) ('w' + i), CanaryTest.base64(CANARIES.get(i - 1)));
        }
        assertThat(text).doesNotContain(EXAMPLE_VALUE);
        Files.writeString(secrets, text);
        Path orders = examples.resolve("cluster/orders.yaml");
        String notifier = "          - name: AZURE_CLIENT_ID\n";
        String workloads = Files.readString(orders);
        // Not in a bare Pod: apply refuses to record one that holds a literal secret (PodSpecsTest).
        Files.writeString(orders, workloads.replaceFirst(notifier, "          - name: SMTP_PASSWORD\n"
                + "            value: " + CANARIES.get(3) + "\n" + notifier));
        Path spring = examples.resolve("repo/src/main/resources/application.yml");
        Files.writeString(spring, Files.readString(spring).replace("${AZURE_CLIENT_SECRET}", CANARIES.get(5)));
        try (Stream<Path> charts = Files.list(examples.resolve("repo/chart"))) {
            for (Path chart : charts.toList()) {
                Files.writeString(chart.resolve("values.yaml"), Files.readString(chart.resolve("values.yaml"))
                        + "\nazure:\n  clientSecret: " + CANARIES.get(6) + "\n");
            }
        }
        return examples;
    }

    private void makePlan() {
        expect(0, "plan", "--kubeconfig", kubeconfig(), "--repo", repo(), "--location", DemoWorld.LOCATION,
                "--out", work.resolve("world").toString(), world.azureOptions().get(0), world.azureOptions().get(1));
    }

    private String[] apply(String... more) {
        List<String> args = new ArrayList<>(List.of("apply", plan));
        args.addAll(DemoWorld.applyOptions(PlanCodec.read(Path.of(plan))));
        args.addAll(List.of(more));
        return withTarget(args.toArray(String[]::new));
    }

    private String[] withTarget(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--kubeconfig", kubeconfig()));
        all.addAll(world.azureOptions());
        return all.toArray(String[]::new);
    }

    /**
     * Runs {@code migrate --debug args} (so a failure prints its trace too), expects {@code exit}, keeps the output for
     * the final check, and returns it.
     */
    private String expect(int exit, String... args) {
        List<String> debug = new ArrayList<>(List.of("--debug"));
        debug.addAll(List.of(args));
        WorldCommands.Run run = WorldCommands.run(world, debug, null);
        assertThat(run.exit()).as(String.join(" ", args) + "\n" + run.output()).isEqualTo(exit);
        seen.add(run.output());
        return run.output();
    }

    /** The in-cluster journal (every ConfigMap of the tool's namespace) and the local one beside the plan. */
    private String journals(KubernetesClient kube) throws IOException {
        StringBuilder all = new StringBuilder();
        for (ConfigMap map : kube.configMaps().inNamespace(ToolNamespace.NAME).list().getItems()) {
            all.append(metadata(map.getMetadata())).append(map.getData()).append('\n');
        }
        try (Stream<Path> files = Files.list(work.resolve("world/.wimigrate/journal"))) {
            for (Path file : files.toList()) {
                all.append(Files.readString(file)).append('\n');
            }
        }
        return all.toString();
    }

    private static String metadata(ObjectMeta meta) {
        return meta.getName() + " " + meta.getLabels() + " " + meta.getAnnotations();
    }

    private String kubeconfig() {
        return work.resolve("world/kubeconfig").toString();
    }

    private String repo() {
        return world.repo().toString();
    }
}
