package io.wimigrate.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.executor.journal.JournalEntry;
import io.wimigrate.executor.journal.StepState;
import io.wimigrate.executor.kube.SecretBackups;
import io.wimigrate.localcluster.LocalCluster;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.planner.model.BackupAndDeleteSecret;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.Step;
import io.wimigrate.planner.model.Target;
import io.wimigrate.scanner.BadInputException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate finalize} on the real local cluster: Secrets moved to backups by the real handler, the other steps
 * by {@link MarkerHandler}; backups purged only past the grace period, each purge journaled once, and rollback
 * afterwards refused, naming the Secrets it can no longer restore, until they are recreated by hand.
 */
@Tag("live-cluster")
@ExtendWith(LocalClusterExtension.class)
class FinalizeLiveTest {

    private static final Duration WEEK = Duration.ofDays(7);

    @TempDir
    Path work;

    @Test
    void purgesBackupsPastTheGracePeriodOnceAndRollbackThenNamesTheSecretsItCannotRestore(LocalCluster cluster,
                                                                                          KubernetesClient client) {
        LiveExecutorFixture fixture = new LiveExecutorFixture(cluster, client);
        String ns = fixture.namespace;
        createSecret(client, ns, "sp-old");
        createSecret(client, ns, "sp-new");
        Path file = new TestPlans("fin").workload(ns, "app").step(backup(ns, "sp-old")).step(backup(ns, "sp-new"))
                .write(work, cluster, client);
        Plan plan = fixture.read(file);
        Handlers real = new Handlers();
        Function<Step, Bound<?>> markers = fixture.handler.binder();
        Executor executor = fixture.executor(file)
                .binder(step -> step instanceof BackupAndDeleteSecret ? real.bind(step) : markers.apply(step)).build();

        assertThatThrownBy(() -> executor.purgeBackups(plan, WEEK)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("not applied").hasMessageContaining("not-started");
        assertThat(executor.apply(plan, ApplyOptions.all()).status()).isEqualTo(RunOutcome.Status.COMPLETED);

        assertThat(executor.backups(plan, WEEK)).extracting(b -> b.secret().name() + " " + b.state())
                .containsExactly("sp-old WAITING", "sp-new WAITING");
        age(client, ns, "sp-old-wimigrate-backup", Duration.ofDays(8));

        List<SecretBackupStatus> first = executor.purgeBackups(plan, WEEK);

        assertThat(first).extracting(b -> b.secret().name() + " " + b.state())
                .containsExactly("sp-old PURGED", "sp-new WAITING");
        assertThat(first.get(1).at()).isEqualTo(first.get(1).backedUpAt().plus(WEEK).toString());
        assertThat(client.secrets().inNamespace(ns).withName("sp-old-wimigrate-backup").get()).isNull();
        assertThat(client.secrets().inNamespace(ns).withName("sp-new-wimigrate-backup").get()).isNotNull();
        assertThat(lease(fixture).getSpec().getHolderIdentity()).as("the lease is freed").isNull();
        assertThat(executor.purgeBackups(plan, WEEK)).as("run again").extracting(SecretBackupStatus::state)
                .containsExactly(SecretBackupStatus.State.PURGED, SecretBackupStatus.State.WAITING);
        List<JournalEntry> purges = fixture.clusterJournal(plan).stream()
                .filter(e -> e.state() == StepState.PURGED).toList();
        Step oldBackup = plan.steps().stream().filter(s -> s.target().name().equals("sp-old")).findFirst()
                .orElseThrow();
        assertThat(purges).as("one entry per purge, never a value").singleElement().satisfies(entry -> {
            assertThat(entry.target()).isEqualTo("Secret/" + ns + "/sp-old");
            assertThat(entry.outputs()).containsEntry("backup", "sp-old-wimigrate-backup")
                    .containsEntry("step", oldBackup.id());
            assertThat(entry.prior()).isNull();
        });

        assertThat(executor.purgeBackups(plan, Duration.ZERO)).extracting(SecretBackupStatus::state)
                .containsOnly(SecretBackupStatus.State.PURGED);
        assertThat(fixture.localJournal(file, plan)).isEqualTo(fixture.clusterJournal(plan));

        assertThatThrownBy(() -> executor.rollback(plan, -1)).isInstanceOf(PlanRefusedException.class)
                .hasMessageContaining("nothing was undone").hasMessageContaining("2 Secret(s)")
                .satisfies(e -> assertThat(((PlanRefusedException) e).reasons()).hasSize(2)
                        .anySatisfy(reason -> assertThat(reason).startsWith("Secret/" + ns + "/sp-new (")
                                .contains("its backup sp-new-wimigrate-backup was purged by migrate finalize at"))
                        .anySatisfy(reason -> assertThat(reason).startsWith("Secret/" + ns + "/sp-old (")
                                .contains("purged by migrate finalize")));
        assertThat(fixture.handler.reverted).isEmpty();
        assertThat(fixture.clusterJournal(plan)).noneMatch(e -> e.state() == StepState.REVERTING);

        createSecret(client, ns, "sp-old");
        assertThatThrownBy(() -> executor.rollback(plan, -1)).isInstanceOf(PlanRefusedException.class)
                .satisfies(e -> assertThat(((PlanRefusedException) e).reasons()).singleElement().asString()
                        .startsWith("Secret/" + ns + "/sp-new"));
        createSecret(client, ns, "sp-new");
        assertThat(executor.rollback(plan, -1).status()).as("with both recreated by hand")
                .isEqualTo(RunOutcome.Status.COMPLETED);
        assertThat(client.secrets().inNamespace(ns).withName("sp-new").get()).isNotNull();
    }

    private static BackupAndDeleteSecret backup(String ns, String name) {
        return new BackupAndDeleteSecret(Target.kube(TestPlans.CLUSTER, "v1", "Secret", ns, name),
                new BackupAndDeleteSecret.Desired("journal backups/" + name + ".yaml", "absent"), false, "test");
    }

    private static void createSecret(KubernetesClient client, String ns, String name) {
        client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(name)
                .withNamespace(ns).endMetadata().withStringData(Map.of("clientSecret", "not-a-real-secret")).build())
                .create();
    }

    /** Makes a backup look {@code age} old, as if it had been made then. */
    private static void age(KubernetesClient client, String ns, String backup, Duration age) {
        client.secrets().inNamespace(ns).withName(backup).edit(secret -> {
            secret.getMetadata().getAnnotations().put(SecretBackups.BACKED_UP_AT,
                    Instant.now().minus(age).truncatedTo(ChronoUnit.SECONDS).toString());
            return secret;
        });
    }

    private static Lease lease(LiveExecutorFixture fixture) {
        return fixture.client.leases().inNamespace(fixture.toolNamespace).withName(ApplyLease.NAME).get();
    }
}
