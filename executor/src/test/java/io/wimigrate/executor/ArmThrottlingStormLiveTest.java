package io.wimigrate.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.azure.emulator.RequestRecord;
import io.wimigrate.executor.azure.EmulatedAzure;
import io.wimigrate.executor.azure.EmulatedAzureExtension;
import io.wimigrate.executor.journal.JournalEntry;
import io.wimigrate.executor.journal.StepState;
import io.wimigrate.localcluster.LocalCluster;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.planner.model.CreateIdentity;
import io.wimigrate.planner.model.Step;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * ARM answers long runs of 429 TooManyRequests with Retry-After. A storm within the retry budget is ridden out, every
 * retry waiting as long as Retry-After asked; a storm beyond it (every request throttled) stops the run at the
 * throttled step with a message that says so, leaving a journal the next apply resumes from once ARM calms down.
 */
@Tag("live-cluster")
@ExtendWith({LocalClusterExtension.class, EmulatedAzureExtension.class})
class ArmThrottlingStormLiveTest {

    private static final ApplyOptions AZURE_PHASES = new ApplyOptions(0, 2, 4, false, Set.of());

    @TempDir
    Path work;

    @Test
    void aStormWithinTheRetryBudgetIsRiddenOutHonouringRetryAfter(LocalCluster cluster, KubernetesClient client,
                                                                  EmulatedAzure azure) {
        try (MigrationFixture world = new MigrationFixture(cluster, client, azure, work, 2)) {
            azure.emulator.requestLog().clear();
            azure.emulator.faults().throttleNext(20, 1);

            long start = System.nanoTime();
            RunOutcome outcome = world.executor().build().apply(world.plan, AZURE_PHASES);
            System.err.printf("throttling storm within budget: %d ms%n", (System.nanoTime() - start) / 1_000_000);

            assertThat(outcome.status()).as(outcome.problems().toString()).isEqualTo(RunOutcome.Status.COMPLETED);
            List<RequestRecord> log = azure.emulator.requestLog().all();
            assertThat(log).filteredOn(r -> r.status() == 429).hasSize(20);
            Map<String, List<RequestRecord>> byPath = log.stream()
                    .collect(Collectors.groupingBy(r -> r.method() + " " + r.path()));
            byPath.values().forEach(requests -> {
                List<RequestRecord> ordered = requests.stream().sorted(Comparator.comparing(RequestRecord::start))
                        .toList();
                for (int i = 1; i < ordered.size(); i++) {
                    if (ordered.get(i - 1).status() == 429) {
                        assertThat(Duration.between(ordered.get(i - 1).end(), ordered.get(i).start()))
                                .as("wait after a 429 with Retry-After: 1 on " + ordered.get(i).path())
                                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
                    }
                }
            });
            assertAzureStepsAppliedOnce(world);
        }
    }

    @Test
    void aStormBeyondTheRetryBudgetStopsTheRunCleanlyAndApplyResumesAfterIt(LocalCluster cluster,
                                                                           KubernetesClient client,
                                                                           EmulatedAzure azure) {
        try (MigrationFixture world = new MigrationFixture(cluster, client, azure, work, 2)) {
            azure.emulator.faults().throttleRate(1.0, 1);

            long start = System.nanoTime();
            RunOutcome stopped = world.executor().build().apply(world.plan, AZURE_PHASES);
            System.err.printf("throttling storm beyond budget: %d ms%n", (System.nanoTime() - start) / 1_000_000);

            assertThat(stopped.status()).isEqualTo(RunOutcome.Status.FAILED);
            List<String> identities = world.steps(CreateIdentity.class).stream().map(Step::id).toList();
            assertThat(stopped.problems()).isNotEmpty().allSatisfy(problem -> assertThat(problem)
                    .containsAnyOf(identities.toArray(String[]::new))
                    .contains("429", "Still refused after " + 8 + " attempts", "Retry-After honoured",
                            "run migrate apply again"));
            assertThat(world.journal()).as("no step of phase 2 started").noneMatch(e -> e.phase() == 2)
                    .noneMatch(e -> e.state() == StepState.APPLIED && e.phase() == 1);
            assertThat(azure.emulator.requestLog().all()).as("nothing was created while throttled")
                    .noneMatch(r -> r.status() < 300 && r.method().equals("PUT")
                            && r.path().contains(world.namespace));

            azure.emulator.faults().reset();
            RunOutcome resumed = world.executor().build().apply(world.plan, AZURE_PHASES);

            assertThat(resumed.status()).as(resumed.problems().toString()).isEqualTo(RunOutcome.Status.COMPLETED);
            assertAzureStepsAppliedOnce(world);
        }
    }

    private static void assertAzureStepsAppliedOnce(MigrationFixture world) {
        List<JournalEntry> journal = world.journal();
        assertThat(world.localJournal()).isEqualTo(journal);
        world.plan.steps().stream().filter(step -> step.phase() <= 2).forEach(step ->
                assertThat(journal).as(step.id()).filteredOn(e -> e.step().equals(step.id())
                        && e.state() == StepState.APPLIED).hasSize(1));
        List<RequestRecord> puts = world.azure.emulator.requestLog().all().stream()
                .filter(r -> r.method().equals("PUT") && r.status() < 300).toList();
        for (String name : world.workloads) {
            String identity = "/userAssignedIdentities/" + world.identityName(name);
            assertThat(puts).filteredOn(r -> r.path().endsWith(identity)).hasSize(1);
            assertThat(puts).filteredOn(r -> r.path().endsWith(identity + "/federatedIdentityCredentials/"
                    + MigrationFixture.ficName(name))).hasSize(1);
        }
    }
}
