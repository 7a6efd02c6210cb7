package io.wimigrate.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.executor.azure.EmulatedAzure;
import io.wimigrate.executor.azure.EmulatedAzureExtension;
import io.wimigrate.executor.journal.JournalEntry;
import io.wimigrate.executor.journal.StepState;
import io.wimigrate.localcluster.LocalCluster;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.planner.model.SetServiceAccountName;
import io.wimigrate.planner.model.Step;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * kube-apiserver stops in the middle of an apply (etcd keeps the data) and comes back a few seconds later on the same
 * address: apply stops at the steps it could not carry out, naming them and the unreachable server; the journal
 * claims no change that was not made; running apply again (once the lease the interrupted run could not release has
 * expired) finishes with every change made exactly once. The webhook's ServiceAccount cache can lag behind the
 * restarted API server, so a restart's pods may come without AZURE_CLIENT_ID: the restart step then restarts the
 * workload again, and the journal says so.
 */
@Tag("live-cluster")
@ExtendWith({LocalClusterExtension.class, EmulatedAzureExtension.class})
class ApiServerRestartLiveTest {

    private static final Duration DOWN = Duration.ofSeconds(3);

    @TempDir
    Path work;

    @Test
    void applyStopsNamingTheStepsTheRestartInterruptedAndARerunCompletesWithEachChangeMadeOnce(
            LocalCluster cluster, KubernetesClient client, EmulatedAzure azure) throws Exception {
        try (MigrationFixture world = new MigrationFixture(cluster, client, azure, work, 3)) {
            Step trigger = world.steps(SetServiceAccountName.class).get(0);
            AtomicBoolean stopped = new AtomicBoolean();
            Thread restart = new Thread(() -> {
                MigrationFixture.sleep(DOWN);
                cluster.startApiServer();
            }, "api-server-restart");
            ExecutionListener stopAfterTrigger = new ExecutionListener() {
                @Override
                public void finished(Step step, StepState state, String detail) {
                    if (step.id().equals(trigger.id()) && stopped.compareAndSet(false, true)) {
                        cluster.stopApiServer();
                        restart.start();
                    }
                }
            };

            long start = System.nanoTime();
            RunOutcome interrupted = world.executor(stopAfterTrigger).build().apply(world.plan, ApplyOptions.all());
            restart.join();
            System.err.printf("api server restart: first run %d ms%n", (System.nanoTime() - start) / 1_000_000);

            assertThat(stopped).isTrue();
            assertThat(interrupted.status()).as(String.join("\n", world.notes)).isEqualTo(RunOutcome.Status.FAILED);
            assertThat(interrupted.problems()).isNotEmpty().allSatisfy(problem -> assertThat(problem)
                    .matches("[a-z]+-[0-9a-f]+ [a-z-]+ local: .*")
                    .contains("the API server " + cluster.serverUrl() + "/ did not answer"));
            assertThat(world.latestStates()).as("nothing of phase 4 or later started")
                    .doesNotContainKeys(world.plan.steps().stream().filter(s -> s.phase() >= 4).map(Step::id)
                            .toArray(String[]::new));
            world.assertNothingAppliedWithoutItsChange();
            // Both stores are written at the same time: an entry in flight when the API server went away may have
            // reached the mirror only. Such a step is one the run names as interrupted, and the rerun completes it.
            List<JournalEntry> mirrorOnly = new ArrayList<>(world.localJournal());
            mirrorOnly.removeAll(world.journal());
            assertThat(mirrorOnly).as("the local mirror is ahead of the cluster only for steps named as interrupted")
                    .allSatisfy(entry -> assertThat(interrupted.problems())
                            .anySatisfy(problem -> assertThat(problem).startsWith(entry.step() + " ")));

            RunOutcome resumed = world.applyOnceTheLeaseExpires();

            assertThat(resumed.status()).as(resumed.problems().toString()).isEqualTo(RunOutcome.Status.COMPLETED);
            System.err.printf("api server restart: workloads restarted again in the rerun: %d of %d%n",
                    world.notes.stream().filter(note -> note.contains(" times (the webhook had not injected")).count(),
                    world.workloads.size());
            world.assertMigratedExactlyOnce(1);
        }
    }
}
