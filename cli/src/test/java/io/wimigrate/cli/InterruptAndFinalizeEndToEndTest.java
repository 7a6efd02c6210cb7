package io.wimigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.executor.ApplyLease;
import io.wimigrate.executor.ToolNamespace;
import io.wimigrate.executor.journal.ClusterJournal;
import io.wimigrate.executor.journal.FileJournal;
import io.wimigrate.executor.journal.JournalEntry;
import io.wimigrate.executor.journal.StepState;
import io.wimigrate.executor.kube.SecretBackups;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.planner.io.PlanCodec;
import io.wimigrate.planner.model.Plan;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples migrated by separate {@code migrate} processes, as an operator would: an apply interrupted with a real
 * SIGINT (stops after its running steps, frees the lease, exits 130) and resumed; then {@code finalize} refusing an
 * unfinished plan, keeping young backups, purging past the grace period once, and rollback refusing afterwards.
 */
@Tag("live-cluster")
@ExtendWith(LocalClusterExtension.class)
@LocalClusterExtension.OwnClusters
class InterruptAndFinalizeEndToEndTest {

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
    void anInterruptedApplyResumesAndFinalizePurgesBackupsOnlyOnceTheMigrationIsDone() throws Exception {
        Run made = migrate(null, "plan", "--kubeconfig", kubeconfig(), "--repo", world.repo().toString(),
                "--location", DemoWorld.LOCATION, "--out", work.toString());
        assertThat(made.exit()).as(made.output()).isZero();
        Plan parsed = PlanCodec.read(Path.of(plan));
        List<String> options = DemoWorld.applyOptions(parsed);

        Run interrupted = migrate(line -> line.contains("applied") && line.contains(" phase 1 "),
                apply(options, "--through", "4"));

        assertThat(interrupted.exit()).as(interrupted.output()).isEqualTo(ExitCode.INTERRUPTED);
        assertThat(interrupted.output()).contains("SIGINT received", "apply interrupted", "stopped in phase",
                "next: run the same migrate apply " + plan + " again to resume");
        Lease lease = world.kube().leases().inNamespace(ToolNamespace.NAME).withName(ApplyLease.NAME).get();
        assertThat(lease.getSpec().getHolderIdentity()).as("the lease is freed at once").isNull();
        List<JournalEntry> journal = new ClusterJournal(world.kube(), ToolNamespace.NAME, parsed.header().digest())
                .load();
        Map<String, StepState> latest = new HashMap<>();
        journal.forEach(entry -> latest.put(entry.step(), entry.state()));
        assertThat(latest).as("every step that started finished and was journaled").isNotEmpty()
                .allSatisfy((step, state) -> assertThat(state).as(step).isEqualTo(StepState.APPLIED));
        assertThat(latest).as("it stopped early").hasSizeLessThan((int) parsed.steps().stream()
                .filter(step -> step.phase() <= 4).count());
        assertThat(FileJournal.beside(Path.of(plan), parsed.header().digest()).load()).isEqualTo(journal);

        Run early = migrate(null, "finalize", plan, "--yes");
        assertThat(early.exit()).as(early.output()).isEqualTo(ExitCode.USAGE);
        assertThat(early.output()).contains("finalize needs the plan applied and verified", "not-started");

        Run resumed = migrate(null, apply(options, "--through", "4"));
        Run rewrite = migrate(null, "rewrite", "--repo", world.repo().toString(), "--plan", plan, "--write");
        Run cleanup = migrate(null, apply(options));
        assertThat(List.of(resumed, rewrite, cleanup)).allSatisfy(run -> assertThat(run.exit()).as(run.output())
                .isZero());
        assertThat(resumed.output()).as("no waiting for the lease to expire").doesNotContain("holds the lease");
        List<String> backups = backups(world.kube());
        assertThat(backups).isNotEmpty();

        Run young = migrate(null, "finalize", plan);
        assertThat(young.exit()).as(young.output()).isZero();
        assertThat(young.output()).contains("waiting", "kept until", "finalize: nothing to purge; " + backups.size()
                + " kept until the grace period ends");
        Run unconfirmed = migrate(null, "finalize", plan, "--grace", "0s");
        assertThat(unconfirmed.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(unconfirmed.output()).contains("due", "pass --yes");
        assertThat(backups(world.kube())).isEqualTo(backups);

        Run purged = migrate(null, "finalize", plan, "--grace", "0s", "--yes");

        assertThat(purged.exit()).as(purged.output()).isZero();
        assertThat(purged.output()).contains("finalize: purged " + backups.size() + " backup Secret(s)");
        assertThat(backups(world.kube())).isEmpty();
        Run again = migrate(null, "finalize", plan, "--grace", "0s", "--yes");
        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(again.output()).contains("finalize: nothing to purge; " + backups.size() + " purged in all");
        Run status = migrate(null, "status", plan);
        assertThat(status.output()).contains("Finalize: " + backups.size() + " Secret backup(s) purged");

        Run rollback = migrate(null, "rollback", plan, "--yes");

        assertThat(rollback.exit()).as(rollback.output()).isEqualTo(ExitCode.FINDINGS);
        assertThat(rollback.output()).contains("rollback is refused, nothing was undone", "can no longer be restored");
        backups.forEach(backup -> assertThat(rollback.output()).contains(backup));
        assertThat(new ClusterJournal(world.kube(), ToolNamespace.NAME, parsed.header().digest()).load())
                .noneMatch(entry -> entry.state() == StepState.REVERTING);
    }

    /** The backup Secrets in the cluster, as {@code ns/name}. */
    private static List<String> backups(KubernetesClient kube) {
        return kube.secrets().inAnyNamespace().withLabel(SecretBackups.BACKUP_LABEL, "true").list().getItems()
                .stream().map(s -> s.getMetadata().getNamespace() + "/" + s.getMetadata().getName()
                        .replace("-wimigrate-backup", "")).sorted().toList();
    }

    private static String[] apply(List<String> options, String... more) {
        List<String> apply = new ArrayList<>(List.of("apply", "PLAN"));
        apply.addAll(options);
        apply.addAll(List.of(more));
        return apply.toArray(String[]::new);
    }

    /** Runs {@code migrate} as its own process; sends it SIGINT on the first output line {@code interruptAt} takes. */
    private Run migrate(Predicate<String> interruptAt, String... args) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of(args).stream().map(a -> "PLAN".equals(a) ? plan : a).toList());
        if (!List.of("plan", "rewrite").contains(args[0])) {
            command.addAll(List.of("--kubeconfig", kubeconfig()));
        }
        if (!"rewrite".equals(args[0])) {
            command.addAll(world.azureOptions());
        }
        try {
            ProcessBuilder builder = world.migrate(Cli.PROJECT_ROOT, command);
            // A process started in the background (a CI job, a shell script) inherits SIGINT ignored, and the JVM
            // then leaves it ignored: give the child the default disposition, as on an operator's terminal.
            builder.command().addAll(0, List.of("env", "--default-signal=INT"));
            Process process = builder.start();
            process.getOutputStream().close();
            StringBuilder output = new StringBuilder();
            boolean sent = false;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.append(line).append('\n');
                    if (!sent && interruptAt != null && interruptAt.test(line)) {
                        sent = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor() == 0;
                    }
                }
            }
            assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
            assertThat(sent || interruptAt == null).as("SIGINT sent: " + output).isTrue();
            return new Run(process.exitValue(), output.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String kubeconfig() {
        return work.resolve("kubeconfig").toString();
    }

    private record Run(int exit, String output) {
    }
}
