package io.wimigrate.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.executor.journal.JournalEntry;
import io.wimigrate.executor.journal.StepState;
import io.wimigrate.localcluster.LocalCluster;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.Step;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash: the executor runs in a child JVM that is killed with SIGKILL right after a step's mutation and before
 * its journal entry; the lease it held expires, and apply in this JVM resumes the step and finishes the plan.
 */
@Tag("live-cluster")
@ExtendWith(LocalClusterExtension.class)
class ProcessKillLiveTest {

    @TempDir
    Path work;

    @Test
    void applyResumesAfterTheExecutorProcessIsKilledBetweenMutationAndJournal(LocalCluster cluster,
                                                                              KubernetesClient client)
            throws Exception {
        LiveExecutorFixture fixture = new LiveExecutorFixture(cluster, client);
        Path file = new TestPlans("kill").identities(2).write(work, cluster, client);
        Plan plan = fixture.read(file);
        Step victim = plan.steps().stream().filter(s -> s.action().equals("create-federated-credential"))
                .findFirst().orElseThrow();

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                ApplyInChildProcess.class.getName(), cluster.kubeconfig().toString(), file.toString(),
                fixture.toolNamespace, fixture.namespace, victim.id())
                .redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.append(line).append('\n');
                if (line.startsWith(ApplyInChildProcess.MUTATED)) {
                    child.destroyForcibly();
                    break;
                }
            }
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(output.toString()).isEqualTo(137);

        assertThat(fixture.handler.value(victim)).as("the mutation happened").isNotNull();
        assertThat(fixture.clusterJournal(plan)).filteredOn(e -> e.step().equals(victim.id()))
                .extracting(JournalEntry::state).containsExactly(StepState.STARTED);
        String childHolder = fixture.clusterJournal(plan).get(0).by();
        assertThatThrownBy(() -> fixture.executor(file).build().apply(plan, ApplyOptions.all()))
                .isInstanceOf(LeaseHeldException.class).hasMessageContaining(childHolder);

        RunOutcome resumed = applyOnceTheLeaseExpires(fixture, file, plan);

        assertThat(resumed.status()).isEqualTo(RunOutcome.Status.COMPLETED);
        assertThat(fixture.clusterJournal(plan)).filteredOn(e -> e.step().equals(victim.id()))
                .extracting(JournalEntry::state).containsExactly(StepState.STARTED, StepState.APPLIED);
        plan.steps().forEach(step -> assertThat(fixture.handler.value(step)).as(step.id()).isNotNull());
        assertThat(fixture.handler.applied).as("steps the child finished are not run again")
                .doesNotContainAnyElementsOf(fixture.clusterJournal(plan).stream()
                        .filter(e -> e.state() == StepState.APPLIED && e.by().equals(childHolder))
                        .map(JournalEntry::step).toList());
        assertThat(fixture.localJournal(file, plan)).isEqualTo(fixture.clusterJournal(plan));
    }

    private static RunOutcome applyOnceTheLeaseExpires(LiveExecutorFixture fixture, Path file, Plan plan)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            try {
                return fixture.executor(file).build().apply(plan, ApplyOptions.all());
            } catch (LeaseHeldException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }
}
