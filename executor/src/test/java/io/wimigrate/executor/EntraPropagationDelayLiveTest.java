package io.wimigrate.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.executor.azure.EmulatedAzure;
import io.wimigrate.executor.azure.EmulatedAzureExtension;
import io.wimigrate.executor.journal.JournalEntry;
import io.wimigrate.executor.journal.StepState;
import io.wimigrate.localcluster.LocalCluster;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.planner.model.CreateFederatedCredential;
import io.wimigrate.planner.model.Step;
import io.wimigrate.planner.model.VerifyWorkload;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entra ID takes longer to propagate the new federated credentials than verify waits: the token exchange keeps
 * answering AADSTS70021. Apply stops in phase 4 before any cleanup, naming the workload, the code and what it means;
 * once the credentials have propagated, apply resumes with the failed verifications and completes.
 */
@Tag("live-cluster")
@ExtendWith({LocalClusterExtension.class, EmulatedAzureExtension.class})
class EntraPropagationDelayLiveTest {

    private static final Duration PROPAGATION = Duration.ofSeconds(20);
    private static final Timeouts PATIENCE = new Timeouts(Duration.ofSeconds(60), Duration.ofSeconds(3),
            Duration.ofMillis(200));

    @TempDir
    Path work;

    @Test
    void verifyGivesUpBeforeCleanupNamingTheWorkloadAndAadsts70021AndARerunAfterPropagationCompletes(
            LocalCluster cluster, KubernetesClient client, EmulatedAzure azure) {
        try (MigrationFixture world = new MigrationFixture(cluster, client, azure, work, 2)) {
            azure.emulator.faults().ficPropagationDelay(PROPAGATION);

            RunOutcome stopped = world.executor().timeouts(PATIENCE).build().apply(world.plan, ApplyOptions.all());

            assertThat(stopped.status()).isEqualTo(RunOutcome.Status.FAILED);
            assertThat(stopped.problems()).isNotEmpty().allSatisfy(problem -> assertThat(problem)
                    .contains("verify-workload", "Deployment/" + world.namespace + "/app-",
                            "running as system:serviceaccount:" + world.namespace + ":app-", "cannot get a token",
                            "AADSTS70021", "still refused after retrying for 3 s", "may still be propagating",
                            "run migrate apply (or migrate verify) again"));
            world.assertNoCleanup();
            world.assertNothingAppliedWithoutItsChange();
            Map<String, StepState> states = world.latestStates();
            world.plan.steps().stream().filter(step -> step.phase() < 4).forEach(step ->
                    assertThat(states).as(step.id()).containsEntry(step.id(), StepState.APPLIED));
            assertThat(world.steps(VerifyWorkload.class)).map(Step::id).map(states::get)
                    .contains(StepState.FAILED);

            awaitPropagation(world);
            RunOutcome resumed = world.executor().timeouts(PATIENCE).build().apply(world.plan, ApplyOptions.all());

            assertThat(resumed.status()).as(resumed.problems().toString()).isEqualTo(RunOutcome.Status.COMPLETED);
            world.assertMigratedExactlyOnce(1);
        }
    }

    /** Sleeps until the newest credential is older than the propagation delay. */
    private static void awaitPropagation(MigrationFixture world) {
        List<String> credentials = world.steps(CreateFederatedCredential.class).stream().map(Step::id).toList();
        Instant newest = world.journal().stream()
                .filter(e -> credentials.contains(e.step()) && e.state() == StepState.APPLIED)
                .map(JournalEntry::at).map(Instant::parse).max(Instant::compareTo).orElseThrow();
        Duration left = Duration.between(Instant.now(), newest.plus(PROPAGATION).plusSeconds(1));
        if (!left.isNegative()) {
            MigrationFixture.sleep(left);
        }
    }
}
