package io.wimigrate.executor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.journal.Journal;
import io.wimigrate.executor.journal.JournalEntry;
import io.wimigrate.executor.journal.JournalStore;
import io.wimigrate.executor.journal.StepState;
import io.wimigrate.planner.io.PlanCodec;
import io.wimigrate.planner.model.CheckPreflight;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.PlanHeader;
import io.wimigrate.planner.model.Step;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How steps meet the journal, without a cluster: a step waiting for another, or for the phase before, starts while
 * that one's outcome is still being written, reads its outputs from the queued entry, and its own entries land after
 * it; a read-only step's start and outcome go in one write after it ran.
 */
class PhaseRunnerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(3);

    @TempDir
    Path work;

    @Test
    void aStepOnTheSameIdentityStartsWhileThePreviousOutcomeIsWrittenAndIsJournaledAfterIt() throws Exception {
        Plan plan = plan(new TestPlans("chain").identities(1));
        List<Step> credentials = plan.steps().stream().filter(s -> s.action().equals("create-federated-credential"))
                .toList();
        Step first = credentials.get(0);
        Step second = credentials.get(1);
        Recording handler = new Recording();
        GatedStore store = new GatedStore();
        store.holdWriteOf(first.id(), StepState.APPLIED, handler.observed(second.id()));

        RunOutcome outcome = run(plan, handler, store, 2);

        assertThat(outcome.status()).as(outcome.problems().toString()).isEqualTo(RunOutcome.Status.COMPLETED);
        assertThat(store.heldUntilReleased).as("the second credential was observed while the first's outcome was"
                + " still being written").isTrue();
        List<String> order = store.stored.stream().map(e -> e.step() + " " + e.state()).toList();
        assertThat(order).containsSubsequence(first.id() + " STARTED", first.id() + " APPLIED",
                second.id() + " STARTED", second.id() + " APPLIED");
        assertThat(order.indexOf(first.id() + " APPLIED")).isLessThan(order.indexOf(second.id() + " STARTED"));
    }

    @Test
    void aStepReadingThePreviousOutputsStartsWhileTheyAreWrittenAndReadsThemFromTheQueuedEntry() throws Exception {
        Plan plan = plan(new TestPlans("outputs").identities(1));
        Step create = step(plan, "create-identity");
        Step copy = step(plan, "copy-role-assignment");
        Recording handler = new Recording();
        handler.outputs.put(create.id(), Map.of("clientId", "c-1"));
        handler.readOutputsOf = create.id();
        GatedStore store = new GatedStore();
        store.holdWriteOf(create.id(), StepState.APPLIED, handler.observed(copy.id()));

        RunOutcome outcome = run(plan, handler, store, 2);

        assertThat(outcome.status()).isEqualTo(RunOutcome.Status.COMPLETED);
        assertThat(store.heldUntilReleased).as("the role copy was observed while the identity's outcome was still"
                + " being written").isTrue();
        assertThat(handler.outputsSeen.get(copy.id())).as("the identity's outputs, from its queued entry")
                .containsEntry("clientId", "c-1");
        assertStoredBefore(store, create, copy);
    }

    @Test
    void theNextPhaseStartsWhileTheLastOutcomeOfThePhaseBeforeIsWrittenAndIsJournaledAfterIt() throws Exception {
        Plan plan = plan(new TestPlans("phases").identities(1));
        Step check = step(plan, "check-preflight");
        Step create = step(plan, "create-identity");
        assertThat(create.phase()).isGreaterThan(check.phase());
        Recording handler = new Recording();
        GatedStore store = new GatedStore();
        store.holdWriteOf(check.id(), StepState.APPLIED, handler.observed(create.id()));

        RunOutcome outcome = run(plan, handler, store, 2);

        assertThat(outcome.status()).as(outcome.problems().toString()).isEqualTo(RunOutcome.Status.COMPLETED);
        assertThat(store.heldUntilReleased).as("phase %d's identity was observed while phase %d's check outcome was"
                + " still being written", create.phase(), check.phase()).isTrue();
        assertStoredBefore(store, check, create);
    }

    @Test
    void theNextPhaseWaitsForAFailedStep() throws Exception {
        Plan plan = plan(new TestPlans("failed").identities(1));
        Step check = step(plan, "check-preflight");
        Recording handler = new Recording();
        handler.failing = check.id();

        RunOutcome outcome = run(plan, handler, new GatedStore(), 2);

        assertThat(outcome.status()).isEqualTo(RunOutcome.Status.FAILED);
        assertThat(handler.storedWhenApplied.keySet()).as("nothing after the failed phase-%d check was applied",
                check.phase()).containsOnly(check.id());
    }

    @Test
    void aReadOnlyStepIsJournaledStartAndOutcomeInOneWriteAfterItRan() throws Exception {
        Plan plan = plan(new TestPlans("check").identities(1));
        Step check = step(plan, "check-preflight");
        Recording handler = new Recording();
        GatedStore store = new GatedStore();

        RunOutcome outcome = run(plan, handler, store, 2);

        assertThat(outcome.status()).isEqualTo(RunOutcome.Status.COMPLETED);
        assertThat(handler.storedWhenApplied.get(check.id())).as("nothing of the check was stored before it ran")
                .isZero();
        assertThat(store.writes).filteredOn(write -> write.stream().anyMatch(e -> e.step().equals(check.id())))
                .singleElement().satisfies(write -> assertThat(write.stream().filter(e -> e.step().equals(
                        check.id())).map(JournalEntry::state)).containsExactly(StepState.STARTED,
                        StepState.APPLIED));
        Step mutating = step(plan, "create-identity");
        assertThat(handler.storedWhenApplied.get(mutating.id())).as("a step that changes something is journaled"
                + " started before it does").isEqualTo(1);
    }

    private static Step step(Plan plan, String action) {
        return plan.steps().stream().filter(s -> s.action().equals(action)).findFirst().orElseThrow();
    }

    /** {@code first}'s outcome was stored before {@code then}'s start. */
    private static void assertStoredBefore(GatedStore store, Step first, Step then) {
        List<String> order = store.stored.stream().map(e -> e.step() + " " + e.state()).toList();
        assertThat(order.indexOf(first.id() + " APPLIED")).isLessThan(order.indexOf(then.id() + " STARTED"));
    }

    private Plan plan(TestPlans plans) {
        return PlanCodec.read(plans.write(work.resolve(String.valueOf(System.nanoTime())),
                new PlanHeader.ClusterHeader(TestPlans.CLUSTER, "https://issuer.test", "uid"), true));
    }

    private static RunOutcome run(Plan plan, Recording handler, GatedStore store, int parallelism) {
        handler.store = store;
        Journal journal = Journal.of(List.of(store));
        handler.journal = journal;
        StepContext context = new StepContext(null, null, new MapPlaceholders(Map.of()), false, Timeouts.defaults(),
                line -> { });
        Run run = new Run(plan, journal, context, step -> step instanceof CheckPreflight
                ? new Bound<>(step, handler.readOnly()) : new Bound<>(step, handler), ExecutionListener.NONE,
                () -> null, () -> false, new JournalEntries("test", Clock.systemUTC()));
        return new PhaseRunner(run).run(new ApplyOptions(0, 2, parallelism, false, Set.of()));
    }

    /** Records, per step, when it was observed and how many of its entries were stored when it was applied. */
    private static final class Recording implements StepHandler<Step> {
        final Map<String, CountDownLatch> observedLatches = new ConcurrentHashMap<>();
        final Map<String, Integer> storedWhenApplied = new ConcurrentHashMap<>();
        final Map<String, Map<String, String>> outputs = new ConcurrentHashMap<>();
        final Map<String, Map<String, String>> outputsSeen = new ConcurrentHashMap<>();
        volatile GatedStore store;
        volatile Journal journal;
        volatile String readOutputsOf;
        volatile String failing;

        CountDownLatch observed(String step) {
            return observedLatches.computeIfAbsent(step, s -> new CountDownLatch(1));
        }

        @Override
        public ObjectNode observe(Step step, StepContext context) {
            if (readOutputsOf != null) {
                outputsSeen.put(step.id(), journal.outputs(readOutputsOf));
            }
            observed(step.id()).countDown();
            return JsonNodeFactory.instance.objectNode().put("present", false);
        }

        @Override
        public Applied apply(Step step, ObjectNode prior, StepContext context) {
            storedWhenApplied.put(step.id(), (int) store.stored.stream().filter(e -> e.step().equals(step.id()))
                    .count());
            if (step.id().equals(failing)) {
                throw new StepFailedException("told to fail");
            }
            return Applied.changed("done").withOutputs(outputs.getOrDefault(step.id(), Map.of()));
        }

        @Override
        public void revert(Step step, ObjectNode prior, StepContext context) {
        }

        ReadOnlyStepHandler<Step> readOnly() {
            return (step, prior, context) -> apply(step, prior, context);
        }
    }

    /**
     * Keeps entries in memory, one list per write; can hold the write carrying one step's entry of one state until
     * another step is observed (or {@link #PATIENCE} passes), and says which happened.
     */
    private static final class GatedStore implements JournalStore {
        final List<JournalEntry> stored = new CopyOnWriteArrayList<>();
        final List<List<JournalEntry>> writes = new CopyOnWriteArrayList<>();
        private volatile String heldStep;
        private volatile StepState heldState;
        private volatile CountDownLatch release;
        volatile boolean heldUntilReleased;

        void holdWriteOf(String step, StepState state, CountDownLatch until) {
            heldStep = step;
            heldState = state;
            release = until;
        }

        @Override
        public List<JournalEntry> load() {
            return new ArrayList<>(stored);
        }

        @Override
        public void append(JournalEntry entry) {
            appendAll(List.of(entry));
        }

        @Override
        public void appendAll(List<JournalEntry> entries) {
            if (entries.stream().anyMatch(e -> e.step().equals(heldStep) && e.state() == heldState)) {
                try {
                    heldUntilReleased = release.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            writes.add(List.copyOf(entries));
            stored.addAll(entries);
        }
    }
}
