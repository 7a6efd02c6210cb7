package io.wimigrate.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.executor.journal.JournalEntry;
import io.wimigrate.executor.journal.StepState;
import io.wimigrate.localcluster.LocalCluster;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.planner.model.Plan;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator's stop request (what Ctrl-C sets in the CLI): no step starts after it, the running ones finish and are
 * journaled, the lease is freed, and the next run resumes without waiting for the lease to expire.
 */
@Tag("live-cluster")
@ExtendWith(LocalClusterExtension.class)
class InterruptLiveTest {

    @TempDir
    Path work;

    @Test
    void anInterruptedApplyLetsItsRunningStepsFinishFreesTheLeaseAndResumes(LocalCluster cluster,
                                                                             KubernetesClient client) {
        LiveExecutorFixture fixture = new LiveExecutorFixture(cluster, client);
        Path file = new TestPlans("interrupt").identities(3).write(work, cluster, client);
        Plan plan = fixture.read(file);
        AtomicBoolean stop = new AtomicBoolean();
        fixture.handler.afterMutation = step -> stop.set(!fixture.handler.applied.isEmpty());

        RunOutcome interrupted = fixture.executor(file).interruptedWhen(stop::get).build()
                .apply(plan, ApplyOptions.all());

        assertThat(interrupted.status()).isEqualTo(RunOutcome.Status.INTERRUPTED);
        assertThat(interrupted.problems()).singleElement().asString().startsWith("stopped in phase");
        assertThat(interrupted.done()).isLessThan(interrupted.total());
        List<String> ranFirst = List.copyOf(fixture.handler.applied);
        Map<String, StepState> latest = new HashMap<>();
        fixture.clusterJournal(plan).forEach(entry -> latest.put(entry.step(), entry.state()));
        assertThat(latest).as("every step that ran finished and was journaled").hasSize(ranFirst.size())
                .allSatisfy((step, state) -> assertThat(state).isEqualTo(StepState.APPLIED));
        assertThat(fixture.client.leases().inNamespace(fixture.toolNamespace).withName(ApplyLease.NAME).get()
                .getSpec().getHolderIdentity()).as("the lease is freed").isNull();

        RunOutcome resumed = fixture.executor(file).build().apply(plan, ApplyOptions.all());

        assertThat(resumed.status()).isEqualTo(RunOutcome.Status.COMPLETED);
        assertThat(fixture.handler.applied).as("nothing ran twice").doesNotHaveDuplicates()
                .hasSize(plan.steps().size()).containsAll(ranFirst);
        assertThat(fixture.localJournal(file, plan)).isEqualTo(fixture.clusterJournal(plan));

        RunOutcome rollbackStopped = fixture.executor(file).interruptedWhen(() -> true).build().rollback(plan, -1);

        assertThat(rollbackStopped.status()).isEqualTo(RunOutcome.Status.INTERRUPTED);
        assertThat(rollbackStopped.done()).isZero();
        assertThat(fixture.handler.reverted).isEmpty();
        assertThat(fixture.clusterJournal(plan)).extracting(JournalEntry::state)
                .doesNotContain(StepState.REVERTING);
        assertThat(fixture.executor(file).build().rollback(plan, -1).status()).isEqualTo(RunOutcome.Status.COMPLETED);
    }
}
