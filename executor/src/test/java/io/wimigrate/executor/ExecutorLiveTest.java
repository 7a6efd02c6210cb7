package io.wimigrate.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.executor.journal.ClusterJournal;
import io.wimigrate.executor.journal.JournalEntry;
import io.wimigrate.executor.journal.StepState;
import io.wimigrate.localcluster.LocalCluster;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.planner.model.CreateIdentity;
import io.wimigrate.planner.model.ManualAction;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.PlanHeader;
import io.wimigrate.planner.model.Step;
import io.wimigrate.planner.model.Target;
import io.wimigrate.scanner.BadInputException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The executor on the real local cluster, with test handlers that write ConfigMaps and fail or crash on demand. */
@Tag("live-cluster")
@ExtendWith(LocalClusterExtension.class)
class ExecutorLiveTest {

    @TempDir
    Path work;

    private LiveExecutorFixture fixture;

    @BeforeEach
    void setUp(LocalCluster cluster, KubernetesClient client) {
        fixture = new LiveExecutorFixture(cluster, client);
    }

    @Test
    void runsStepsInParallelButOneAtATimePerTargetAndPhaseByPhase() {
        Path file = new TestPlans("par").identities(4).workload(fixture.namespace, "app-a")
                .workload(fixture.namespace + "-other", "app-b").write(work, fixture.cluster, fixture.client);
        Plan plan = fixture.read(file);

        RunOutcome outcome = fixture.executor(file).build().apply(plan, new ApplyOptions(0, 4, 4, false, Set.of()));

        assertThat(outcome.status()).as(outcome.problems().toString()).isEqualTo(RunOutcome.Status.COMPLETED);
        assertThat(outcome.done()).isEqualTo(outcome.total()).isEqualTo(plan.steps().size());
        MarkerHandler handler = fixture.handler;
        assertThat(handler.overlaps).as("steps on one target never overlap").isEmpty();
        assertThat(handler.maxRunning.get()).as("steps of a phase run in parallel").isBetween(2, 4);
        for (Step step : plan.steps()) {
            assertThat(handler.value(step)).as(step.id()).isNotNull();
        }
        // Steps on one identity ran in plan order; every step of a phase ended before the next phase began.
        Map<String, List<Step>> byTarget = plan.steps().stream()
                .collect(Collectors.groupingBy(s -> StepGraph.serialKey(s.target())));
        byTarget.values().forEach(steps -> {
            for (int i = 1; i < steps.size(); i++) {
                assertThat(handler.intervals.get(steps.get(i).id())[0])
                        .isGreaterThanOrEqualTo(handler.intervals.get(steps.get(i - 1).id())[1]);
            }
        });
        for (int phase = 1; phase <= 4; phase++) {
            int current = phase;
            long lastEnd = plan.steps().stream().filter(s -> s.phase() == current - 1)
                    .mapToLong(s -> handler.intervals.get(s.id())[1]).max().orElse(0);
            plan.steps().stream().filter(s -> s.phase() == current).forEach(s ->
                    assertThat(handler.intervals.get(s.id())[0]).isGreaterThanOrEqualTo(lastEnd));
        }
        // Placeholders: the cluster's issuer, and the client id the create-identity step journaled.
        Step fic = plan.steps().stream().filter(s -> s.action().equals("create-federated-credential")).findFirst()
                .orElseThrow();
        assertThat(handler.value(fic)).isEqualTo(fixture.cluster.issuerUrl());
        CreateIdentity create = (CreateIdentity) plan.steps().stream().filter(s -> s instanceof CreateIdentity)
                .findFirst().orElseThrow();
        Step copy = plan.steps().stream().filter(s -> s.action().equals("copy-role-assignment")
                && s.target().equals(create.target())).findFirst().orElseThrow();
        assertThat(handler.value(copy)).isEqualTo(MarkerHandler.clientId(create));
        // The journal: prior state before, outcome after, in the cluster and, equal, on disk.
        List<JournalEntry> journal = fixture.clusterJournal(plan);
        assertThat(journal).isEqualTo(fixture.localJournal(file, plan));
        for (Step step : plan.steps()) {
            List<StepState> states = journal.stream().filter(e -> e.step().equals(step.id()))
                    .map(JournalEntry::state).toList();
            assertThat(states).as(step.id()).containsExactly(StepState.STARTED, StepState.APPLIED);
        }
        assertThat(journal).filteredOn(e -> e.state() == StepState.STARTED)
                .allSatisfy(e -> assertThat(e.prior().get("present").asBoolean()).isFalse());
        assertThat(journal).filteredOn(e -> e.step().equals(create.id()) && e.state() == StepState.APPLIED)
                .singleElement().satisfies(e -> assertThat(e.outputs()).containsEntry("clientId",
                        MarkerHandler.clientId(create)));
    }

    @Test
    void aCrashBetweenMutationAndJournalIsResumedFromTheJournaledPriorState() {
        Path file = new TestPlans("crash").identities(2).write(work, fixture.cluster, fixture.client);
        Plan plan = fixture.read(file);
        Step victim = plan.steps().stream().filter(s -> s.action().equals("copy-role-assignment")).findFirst()
                .orElseThrow();
        fixture.handler.crashAfter = victim.id();

        assertThatThrownBy(() -> fixture.executor(file).build().apply(plan, ApplyOptions.all()))
                .isInstanceOf(SimulatedCrash.class);

        assertThat(fixture.handler.value(victim)).as("the mutation happened").isNotNull();
        assertThat(fixture.clusterJournal(plan)).filteredOn(e -> e.step().equals(victim.id()))
                .extracting(JournalEntry::state).containsExactly(StepState.STARTED);
        fixture.handler.crashAfter = null;

        RunOutcome resumed = fixture.executor(file).build().apply(plan, ApplyOptions.all());

        assertThat(resumed.status()).isEqualTo(RunOutcome.Status.COMPLETED);
        List<JournalEntry> victimEntries = fixture.clusterJournal(plan).stream()
                .filter(e -> e.step().equals(victim.id())).toList();
        assertThat(victimEntries).extracting(JournalEntry::state)
                .containsExactly(StepState.STARTED, StepState.APPLIED);
        assertThat(victimEntries.get(0).prior().get("present").asBoolean())
                .as("the prior state is the one before the crashed mutation").isFalse();
        assertThat(fixture.handler.applied).filteredOn(victim.id()::equals).hasSize(1);

        RunOutcome rollback = fixture.executor(file).build().rollback(plan, -1);

        assertThat(rollback.status()).isEqualTo(RunOutcome.Status.COMPLETED);
        assertUndone(plan);
    }

    @Test
    void aFailedStepStopsTheRunAfterTheRunningStepsFinishAndIsRetriedNextTime() {
        Path file = new TestPlans("fail").identities(3).write(work, fixture.cluster, fixture.client);
        Plan plan = fixture.read(file);
        Step failing = plan.steps().stream().filter(s -> s instanceof CreateIdentity).findFirst().orElseThrow();
        fixture.handler.failOn = failing.id();

        RunOutcome outcome = fixture.executor(file).build().apply(plan, ApplyOptions.all());

        assertThat(outcome.status()).isEqualTo(RunOutcome.Status.FAILED);
        assertThat(outcome.problems()).singleElement().asString().contains(failing.id(), "injected failure");
        assertThat(outcome.next()).contains("migrate apply PLAN again");
        List<JournalEntry> journal = fixture.clusterJournal(plan);
        assertThat(journal).noneMatch(e -> e.phase() == 2);
        Map<String, StepState> latest = journal.stream().collect(Collectors.toMap(JournalEntry::step,
                JournalEntry::state, (a, b) -> b));
        assertThat(latest).containsEntry(failing.id(), StepState.FAILED)
                .doesNotContainValue(StepState.STARTED);
        fixture.handler.failOn = null;

        RunOutcome again = fixture.executor(file).build().apply(plan, ApplyOptions.all());

        assertThat(again.status()).isEqualTo(RunOutcome.Status.COMPLETED);
        assertThat(fixture.clusterJournal(plan)).filteredOn(e -> e.step().equals(failing.id()))
                .extracting(JournalEntry::state)
                .containsExactly(StepState.STARTED, StepState.FAILED, StepState.APPLIED);
    }

    @Test
    void aLiveLeaseIsRefusedNamingItsHolderAndAnExpiredOneIsTakenOver() {
        Path file = new TestPlans("lease").identities(1).write(work, fixture.cluster, fixture.client);
        Plan plan = fixture.read(file);
        try (ApplyLease other = ApplyLease.acquire(fixture.client, fixture.toolNamespace, "alice@laptop pid 42",
                Duration.ofSeconds(60), Clock.systemUTC())) {
            assertThatThrownBy(() -> fixture.executor(file).build().apply(plan, ApplyOptions.all()))
                    .isInstanceOf(LeaseHeldException.class)
                    .hasMessageContaining("alice@laptop pid 42").hasMessageContaining("until");
            assertThat(fixture.clusterJournal(plan)).isEmpty();
        }
        // A holder that crashed five minutes ago: its lease was not renewed and has expired.
        Lease released = fixture.client.leases().inNamespace(fixture.toolNamespace).withName(ApplyLease.NAME).get();
        ZonedDateTime then = ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(5);
        fixture.client.leases().inNamespace(fixture.toolNamespace).resource(new LeaseBuilder(released).editSpec()
                .withHolderIdentity("bob@ci pid 7").withLeaseDurationSeconds(60).withRenewTime(then)
                .withAcquireTime(then).withLeaseTransitions(1).endSpec().build()).update();
        List<String> holders = new ArrayList<>();
        fixture.handler.afterMutation = step -> holders.add(fixture.client.leases().inNamespace(fixture.toolNamespace)
                .withName(ApplyLease.NAME).get().getSpec().getHolderIdentity());

        RunOutcome outcome = fixture.executor(file).holder("carol@desk pid 9").build()
                .apply(plan, ApplyOptions.all());

        assertThat(outcome.status()).isEqualTo(RunOutcome.Status.COMPLETED);
        assertThat(holders).isNotEmpty().containsOnly("carol@desk pid 9");
        Lease after = fixture.client.leases().inNamespace(fixture.toolNamespace).withName(ApplyLease.NAME).get();
        assertThat(after.getSpec().getHolderIdentity()).as("released").isNull();
        assertThat(after.getSpec().getLeaseTransitions()).isEqualTo(2);
        assertThat(fixture.clusterJournal(plan)).extracting(JournalEntry::by).containsOnly("carol@desk pid 9");
    }

    @Test
    void theLeaseIsRenewedWhileStepsRunAndNoStepStartsOnceItIsTakenOver() {
        Path file = new TestPlans("renew").identities(1).write(work, fixture.cluster, fixture.client);
        Plan plan = fixture.read(file);
        Step takeOverAfter = plan.steps().stream().filter(s -> s instanceof CreateIdentity).findFirst().orElseThrow();
        List<ZonedDateTime> renewals = new ArrayList<>();
        fixture.handler.work = Duration.ofMillis(1500);
        fixture.handler.afterMutation = step -> {
            Lease lease = fixture.client.leases().inNamespace(fixture.toolNamespace).withName(ApplyLease.NAME).get();
            renewals.add(lease.getSpec().getRenewTime());
            if (step.equals(takeOverAfter.id())) {
                fixture.client.leases().inNamespace(fixture.toolNamespace).resource(new LeaseBuilder(lease)
                        .editSpec().withHolderIdentity("mallory@elsewhere pid 13").endSpec().build()).update();
                sleep(Duration.ofMillis(1500));
            }
        };

        RunOutcome outcome = fixture.executor(file).leaseDuration(Duration.ofSeconds(2)).build()
                .apply(plan, ApplyOptions.all());

        assertThat(renewals).hasSize(2);
        assertThat(renewals.get(1)).as("renewed while the first step ran").isAfter(renewals.get(0));
        assertThat(outcome.status()).isEqualTo(RunOutcome.Status.LEASE_LOST);
        assertThat(outcome.problems()).singleElement().asString().contains("mallory@elsewhere pid 13");
        assertThat(fixture.handler.applied).containsExactly(plan.steps().get(0).id(), takeOverAfter.id());
        assertThat(fixture.client.leases().inNamespace(fixture.toolNamespace).withName(ApplyLease.NAME).get()
                .getSpec().getHolderIdentity()).as("the new holder's lease is left alone")
                .isEqualTo("mallory@elsewhere pid 13");
    }

    @Test
    void aPlanForAnotherClusterOrMadeOfflineIsRefused() {
        String uid = fixture.client.namespaces().withName("kube-system").get().getMetadata().getUid();
        Path other = new TestPlans("other").identities(1).write(work.resolve("other"),
                new PlanHeader.ClusterHeader(TestPlans.CLUSTER, fixture.cluster.issuerUrl(),
                        "11111111-2222-3333-4444-555555555555"), true);
        assertThatThrownBy(() -> fixture.executor(other).build().apply(fixture.read(other), ApplyOptions.all()))
                .isInstanceOfSatisfying(PlanRefusedException.class, e -> assertThat(e.reasons()).singleElement()
                        .asString().contains("11111111-2222-3333-4444-555555555555", uid));
        Path issuer = new TestPlans("issuer").identities(1).write(work.resolve("issuer"),
                new PlanHeader.ClusterHeader(TestPlans.CLUSTER, "https://elsewhere.example/", uid), true);
        assertThatThrownBy(() -> fixture.executor(issuer).build().apply(fixture.read(issuer), ApplyOptions.all()))
                .isInstanceOfSatisfying(PlanRefusedException.class, e -> assertThat(e.reasons()).singleElement()
                        .asString().contains("https://elsewhere.example/", fixture.cluster.issuerUrl()));
        Path offline = new TestPlans("offline").identities(1).write(work.resolve("offline"),
                new PlanHeader.ClusterHeader(TestPlans.CLUSTER, fixture.cluster.issuerUrl(), uid), false);
        assertThatThrownBy(() -> fixture.executor(offline).build().apply(fixture.read(offline), ApplyOptions.all()))
                .isInstanceOf(PlanRefusedException.class).hasMessageContaining("plan again online");
        assertThat(fixture.handler.applied).isEmpty();
    }

    @Test
    void rollbackUndoesNewestFirstAndOnlyThePhasesAfterToPhase() {
        Path file = new TestPlans("rollback").identities(2).workload(fixture.namespace, "app")
                .write(work, fixture.cluster, fixture.client);
        Plan plan = fixture.read(file);
        Executor executor = fixture.executor(file).build();
        assertThat(executor.apply(plan, new ApplyOptions(0, 3, 3, false, Set.of())).status())
                .isEqualTo(RunOutcome.Status.COMPLETED);
        List<String> startOrder = fixture.clusterJournal(plan).stream()
                .filter(e -> e.state() == StepState.STARTED).map(JournalEntry::step).toList();

        RunOutcome toPhase1 = executor.rollback(plan, 1);

        assertThat(toPhase1.status()).isEqualTo(RunOutcome.Status.COMPLETED);
        List<String> expected = new ArrayList<>(startOrder.stream().filter(id -> phase(plan, id) > 1).toList());
        java.util.Collections.reverse(expected);
        assertThat(fixture.handler.reverted).containsExactlyElementsOf(expected);
        plan.steps().stream().filter(s -> s.phase() > 1 && s.phase() <= 3).forEach(step ->
                assertThat(fixture.handler.value(step)).as(step.id()).isNull());
        plan.steps().stream().filter(s -> s.phase() == 1).forEach(step ->
                assertThat(fixture.handler.value(step)).as(step.id()).isNotNull());

        RunOutcome rest = executor.rollback(plan, -1);

        assertThat(rest.done()).isEqualTo((int) startOrder.stream().filter(id -> phase(plan, id) <= 1).count());
        assertUndone(plan);
        assertThat(StepStatus.of(plan, executor.journal(plan))).filteredOn(s -> s.phase() <= 3)
                .extracting(StepStatus::state).containsOnly("reverted");
        assertThat(executor.rollback(plan, -1).done()).as("nothing left to undo").isZero();
    }

    @Test
    void aManualStepIsPendingUntilAcknowledgedAndHoldsBackLaterPhasesOnly() {
        ManualAction manual = new ManualAction(3, Target.cluster(TestPlans.CLUSTER),
                new ManualAction.Desired("ask the platform team to open the firewall"), "test");
        Path file = new TestPlans("manual").workload(fixture.namespace, "app").step(manual)
                .write(work, fixture.cluster, fixture.client);
        Plan plan = fixture.read(file);
        Executor executor = fixture.executor(file).build();

        RunOutcome waiting = executor.apply(plan, ApplyOptions.all());

        assertThat(waiting.status()).isEqualTo(RunOutcome.Status.WAITING_FOR_MANUAL);
        assertThat(waiting.problems()).singleElement().asString()
                .contains(manual.id(), "ask the platform team to open the firewall");
        assertThat(waiting.next()).contains("--ack-manual");
        Map<String, String> states = StepStatus.of(plan, executor.journal(plan)).stream()
                .collect(Collectors.toMap(StepStatus::step, StepStatus::state));
        assertThat(states).containsEntry(manual.id(), "manual-pending");
        plan.steps().forEach(step -> assertThat(states.get(step.id())).as(step.action())
                .isEqualTo(step.id().equals(manual.id()) ? "manual-pending"
                        : step.phase() == 3 ? "applied" : StepStatus.NOT_STARTED));

        RunOutcome acknowledged = executor.apply(plan, new ApplyOptions(0, 6, 4, false, Set.of(manual.id())));

        assertThat(acknowledged.status()).isEqualTo(RunOutcome.Status.COMPLETED);
        assertThat(StepStatus.of(plan, executor.journal(plan))).extracting(StepStatus::state).containsOnly("applied");
    }

    @Test
    void aPhaseStartsOnlyOnceTheEarlierPhasesAreApplied() {
        Path file = new TestPlans("phases").identities(1).write(work, fixture.cluster, fixture.client);
        Plan plan = fixture.read(file);
        Executor executor = fixture.executor(file).build();

        assertThatThrownBy(() -> executor.apply(plan, new ApplyOptions(2, 2, 2, false, Set.of())))
                .isInstanceOf(BadInputException.class).hasMessageContaining("phase 2 cannot start")
                .hasMessageContaining("phase 0 " + plan.steps().get(0).id());
        assertThat(fixture.handler.applied).isEmpty();

        assertThat(executor.apply(plan, new ApplyOptions(0, 1, 2, false, Set.of())).status())
                .isEqualTo(RunOutcome.Status.COMPLETED);
        assertThat(fixture.handler.applied).allMatch(id -> phase(plan, id) <= 1);
        RunOutcome phase2 = executor.apply(plan, new ApplyOptions(2, 2, 2, false, Set.of()));

        assertThat(phase2.status()).isEqualTo(RunOutcome.Status.COMPLETED);
        assertThat(fixture.handler.applied).hasSize(plan.steps().size());
    }

    @Test
    void aDryRunChangesNothingAndJournalsNothingDurable() {
        Path file = new TestPlans("dry").identities(1).workload(fixture.namespace, "app")
                .write(work, fixture.cluster, fixture.client);
        Plan plan = fixture.read(file);

        RunOutcome outcome = fixture.executor(file).build().apply(plan, new ApplyOptions(0, 6, 2, true, Set.of()));

        assertThat(outcome.status()).isEqualTo(RunOutcome.Status.COMPLETED);
        assertThat(fixture.handler.applied).hasSize(plan.steps().size());
        plan.steps().forEach(step -> assertThat(fixture.handler.value(step)).isNull());
        assertThat(fixture.clusterJournal(plan)).isEmpty();
        assertThat(fixture.localJournal(file, plan)).isEmpty();
        assertThat(fixture.client.leases().inNamespace(fixture.toolNamespace).withName(ApplyLease.NAME).get())
                .as("a dry run takes no lease").isNull();
    }

    @Test
    void aSecretsDataNeverReachesTheJournal() {
        Path file = new TestPlans("secret").identities(1).write(work, fixture.cluster, fixture.client);
        Plan plan = fixture.read(file);
        fixture.handler.extraPrior = io.wimigrate.scanner.report.InventoryCodec.json().createObjectNode()
                .put("kind", "Secret").set("data", io.wimigrate.scanner.report.InventoryCodec.json()
                        .createObjectNode().put("AZURE_CLIENT_SECRET", "czNjcjN0LXZhbHVl"));

        RunOutcome outcome = fixture.executor(file).build().apply(plan, ApplyOptions.all());

        assertThat(outcome.status()).isEqualTo(RunOutcome.Status.FAILED);
        assertThat(outcome.problems()).first().asString().contains("refusing to journal a Secret's data");
        String everything = fixture.client.configMaps().inNamespace(fixture.toolNamespace)
                .withLabel(ClusterJournal.DIGEST_LABEL).list().getItems().toString()
                + fixture.localJournal(file, plan);
        assertThat(everything).doesNotContain("czNjcjN0LXZhbHVl");
    }

    /** Every change is undone; a check (inverse "none") is marked reverted without its handler being called. */
    private void assertUndone(Plan plan) {
        plan.steps().stream().filter(step -> !step.inverse().action().equals("none"))
                .forEach(step -> assertThat(fixture.handler.value(step)).as(step.id()).isNull());
        plan.steps().stream().filter(step -> step.inverse().action().equals("none"))
                .forEach(step -> assertThat(fixture.handler.reverted).doesNotContain(step.id()));
        assertThat(StepStatus.of(plan, fixture.clusterJournal(plan)))
                .filteredOn(status -> !status.state().equals(StepStatus.NOT_STARTED))
                .isNotEmpty().extracting(StepStatus::state).containsOnly("reverted");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int phase(Plan plan, String id) {
        return plan.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow().phase();
    }
}
