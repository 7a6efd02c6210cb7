package io.wimigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.cli.WorldCommands.Run;
import io.wimigrate.executor.ApplyLease;
import io.wimigrate.executor.Executor;
import io.wimigrate.executor.ToolNamespace;
import io.wimigrate.executor.journal.JournalEntry;
import io.wimigrate.executor.journal.StepState;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.planner.io.PlanCodec;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.Step;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6's crash check with the real handlers on the examples plan: for every step that changes something, the
 * executor process is killed (SIGKILL) right after the step's mutation and before its journal entry, and apply run
 * again; the end state equals an uninterrupted run's in a second, fresh world.
 *
 * <p>One world serves every kill: a chain of {@link ApplyUntilKilled} processes, each of which resumes the step the
 * one before was killed in (once that one's short lease expired) and is killed after the next step it starts itself.
 * Then the real {@code migrate apply} finishes the plan. Steps run one at a time in the chain, so a kill interrupts
 * exactly one step.
 */
@Tag("live-cluster")
@ExtendWith(LocalClusterExtension.class)
@LocalClusterExtension.OwnClusters
class CrashEveryStepLiveTest {

    /**
     * Processes started ahead of their turn: starting one takes longer than a turn on a busy 2-core machine, and it
     * mostly waits for the lease and the cluster meanwhile.
     */
    private static final int READY_AHEAD = 2;
    /** Short-lived JVMs: the C1 compiler alone and the serial collector cut the CPU time their start-up takes. */
    private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    @TempDir
    Path work;

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void applyKilledAfterEveryMutationEndsAsTheUninterruptedRunDoes() {
        WorldSnapshot uninterrupted = uninterruptedRun(work.resolve("uninterrupted"));
        WorldCommands world = WorldCommands.start(work.resolve("crashed"));
        try {
            world.makePlan();
            Plan plan = PlanCodec.read(Path.of(world.plan()));
            List<String> options = DemoWorld.applyOptions(plan);

            List<String> killed = killAfterEveryMutation(world, plan, options);
            awaitLeaseExpiry(world.kube());
            Run resumed = world.migrate(WorldCommands.apply(options));

            assertThat(resumed.exit()).as(resumed.output()).isZero();
            assertThat(killed).as("each step is killed once").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(plan.steps().stream().filter(KillPoint::mutates)
                            .map(Step::id).toList());
            List<JournalEntry> journal = journal(world.kube(), plan);
            for (String step : killed) {
                assertThat(journal).as("journal of " + step).filteredOn(e -> e.step().equals(step))
                        .extracting(JournalEntry::state).containsExactly(StepState.STARTED, StepState.APPLIED);
            }
            WorldSnapshot crashed = world.snapshotAcrossWorlds();
            Run again = world.migrate(WorldCommands.apply(options));
            assertThat(again.exit()).as(again.output()).isZero();
            assertThat(journal(world.kube(), plan)).as("a re-run journals nothing").isEqualTo(journal);
            assertThat(world.snapshotAcrossWorlds().objects()).as("a re-run changes nothing")
                    .isEqualTo(crashed.objects());
            assertThat(crashed.objects()).containsExactlyInAnyOrderEntriesOf(uninterrupted.objects());
        } finally {
            world.close();
        }
    }

    private static WorldSnapshot uninterruptedRun(Path dir) {
        WorldCommands world = WorldCommands.start(dir);
        try {
            world.makePlan();
            Run applied = world.migrate(WorldCommands.apply(DemoWorld.applyOptions(PlanCodec.read(
                    Path.of(world.plan())))));
            assertThat(applied.exit()).as(applied.output()).isZero();
            return world.snapshotAcrossWorlds();
        } finally {
            world.close();
        }
    }

    /**
     * The chain of killed applies; returns the steps killed, in order. The next process is started while the current
     * one runs, so that the JVM start-up is not on the chain's critical path.
     */
    private static List<String> killAfterEveryMutation(WorldCommands world, Plan plan, List<String> options) {
        long mutating = plan.steps().stream().filter(KillPoint::mutates).count();
        List<String> killed = new ArrayList<>();
        Deque<Child> waiting = new ArrayDeque<>();
        try {
            while (killed.size() < mutating) {
                while (waiting.size() <= READY_AHEAD) {
                    waiting.add(new Child(world, options));
                }
                Child current = waiting.remove();
                String step = current.runUntilMutated();
                current.kill();
                assertThat(journal(world.kube(), plan)).as("the kill came before the outcome was journaled")
                        .filteredOn(e -> e.step().equals(step)).extracting(JournalEntry::state)
                        .containsExactly(StepState.STARTED);
                killed.add(step);
            }
        } finally {
            waiting.forEach(Child::kill);
        }
        return killed;
    }

    private static List<JournalEntry> journal(KubernetesClient kube, Plan plan) {
        return Executor.builder(kube).build().journal(plan);
    }

    /** The real {@code migrate apply} takes no expired lease by waiting: wait for the last killed one's to expire. */
    private static void awaitLeaseExpiry(KubernetesClient kube) {
        while (true) {
            Lease lease = kube.leases().inNamespace(ToolNamespace.NAME).withName(ApplyLease.NAME).get();
            ZonedDateTime expiry = lease.getSpec().getRenewTime().plusSeconds(lease.getSpec()
                    .getLeaseDurationSeconds());
            if (expiry.isBefore(ZonedDateTime.now())) {
                return;
            }
            sleep(200);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One {@link ApplyUntilKilled} process, waiting for its turn. */
    private static final class Child {
        private final Process process;
        private final StringBuilder output = new StringBuilder();

        Child(WorldCommands world, List<String> options) {
            try {
                process = world.world().java(Cli.PROJECT_ROOT, JVM_OPTIONS, ApplyUntilKilled.class,
                        world.commandLine(WorldCommands.apply(options, "--parallelism", "1"))).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Lets it apply; returns the step it stopped after. */
        String runUntilMutated() {
            try {
                Writer turn = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
                turn.write("go\n");
                turn.flush();
                BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8));
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.append(line).append('\n');
                    if (line.startsWith(KillPoint.MUTATED)) {
                        return line.substring(KillPoint.MUTATED.length()).trim();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new AssertionError("the apply ended without a mutation to stop after:\n" + output);
        }

        void kill() {
            process.destroyForcibly();
            try {
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
