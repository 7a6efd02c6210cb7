package io.wimigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.cli.WorldCommands.Run;
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
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    private WorldCommands demo;
    private String plan;

    @BeforeEach
    void startWorld() {
        demo = WorldCommands.start(work);
        plan = demo.plan();
    }

    @AfterEach
    void stopWorld() {
        demo.close();
    }

    @Test
    void anInterruptedApplyResumesAndFinalizePurgesBackupsOnlyOnceTheMigrationIsDone() {
        demo.makePlan();
        Plan parsed = PlanCodec.read(Path.of(plan));
        KubernetesClient kube = demo.world().kube();
        List<String> options = DemoWorld.applyOptions(parsed);

        Run interrupted = demo.migrate(line -> line.contains("applied") && line.contains(" phase 1 "),
                WorldCommands.apply(options, "--through", "4"));

        assertThat(interrupted.exit()).as(interrupted.output()).isEqualTo(ExitCode.INTERRUPTED);
        assertThat(interrupted.output()).contains("SIGINT received", "apply interrupted", "stopped in phase",
                "next: run the same migrate apply " + plan + " again to resume");
        Lease lease = kube.leases().inNamespace(ToolNamespace.NAME).withName(ApplyLease.NAME).get();
        assertThat(lease.getSpec().getHolderIdentity()).as("the lease is freed at once").isNull();
        List<JournalEntry> journal = new ClusterJournal(kube, ToolNamespace.NAME, parsed.header().digest()).load();
        Map<String, StepState> latest = new HashMap<>();
        journal.forEach(entry -> latest.put(entry.step(), entry.state()));
        assertThat(latest).as("every step that started finished and was journaled").isNotEmpty()
                .allSatisfy((step, state) -> assertThat(state).as(step).isEqualTo(StepState.APPLIED));
        assertThat(latest).as("it stopped early").hasSizeLessThan((int) parsed.steps().stream()
                .filter(step -> step.phase() <= 4).count());
        assertThat(FileJournal.beside(Path.of(plan), parsed.header().digest()).load()).isEqualTo(journal);

        Run early = demo.migrate("finalize", plan, "--yes");
        assertThat(early.exit()).as(early.output()).isEqualTo(ExitCode.USAGE);
        assertThat(early.output()).contains("finalize needs the plan applied and verified", "not-started");

        Run resumed = demo.migrate(WorldCommands.apply(options, "--through", "4"));
        Run rewrite = demo.migrate("rewrite", "--repo", demo.world().repo().toString(), "--plan", plan, "--write");
        Run cleanup = demo.migrate(WorldCommands.apply(options));
        assertThat(List.of(resumed, rewrite, cleanup)).allSatisfy(run -> assertThat(run.exit()).as(run.output())
                .isZero());
        assertThat(resumed.output()).as("no waiting for the lease to expire").doesNotContain("holds the lease");
        List<String> backups = backups(kube);
        assertThat(backups).isNotEmpty();

        Run young = demo.migrate("finalize", plan);
        assertThat(young.exit()).as(young.output()).isZero();
        assertThat(young.output()).contains("waiting", "kept until", "finalize: nothing to purge; " + backups.size()
                + " kept until the grace period ends");
        Run unconfirmed = demo.migrate("finalize", plan, "--grace", "0s");
        assertThat(unconfirmed.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(unconfirmed.output()).contains("due", "pass --yes");
        assertThat(backups(kube)).isEqualTo(backups);

        Run purged = demo.migrate("finalize", plan, "--grace", "0s", "--yes");

        assertThat(purged.exit()).as(purged.output()).isZero();
        assertThat(purged.output()).contains("finalize: purged " + backups.size() + " backup Secret(s)");
        assertThat(backups(kube)).isEmpty();
        Run again = demo.migrate("finalize", plan, "--grace", "0s", "--yes");
        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(again.output()).contains("finalize: nothing to purge; " + backups.size() + " purged in all");
        Run status = demo.migrate("status", plan);
        assertThat(status.output()).contains("Finalize: " + backups.size() + " Secret backup(s) purged");

        Run rollback = demo.migrate("rollback", plan, "--yes");

        assertThat(rollback.exit()).as(rollback.output()).isEqualTo(ExitCode.FINDINGS);
        assertThat(rollback.output()).contains("rollback is refused, nothing was undone", "can no longer be restored");
        backups.forEach(backup -> assertThat(rollback.output()).contains(backup));
        assertThat(new ClusterJournal(kube, ToolNamespace.NAME, parsed.header().digest()).load())
                .noneMatch(entry -> entry.state() == StepState.REVERTING);
    }

    /** The backup Secrets in the cluster, as {@code ns/name}. */
    private static List<String> backups(KubernetesClient kube) {
        return kube.secrets().inAnyNamespace().withLabel(SecretBackups.BACKUP_LABEL, "true").list().getItems()
                .stream().map(s -> s.getMetadata().getNamespace() + "/" + s.getMetadata().getName()
                        .replace("-wimigrate-backup", "")).sorted().toList();
    }
}
