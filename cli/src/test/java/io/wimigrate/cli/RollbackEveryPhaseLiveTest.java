package io.wimigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.cli.WorldCommands.Run;
import io.wimigrate.executor.ApplyOptions;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.planner.io.PlanCodec;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.RestartWorkload;
import io.wimigrate.planner.model.Step;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6's rollback check on the examples plan: rollback from the end of every phase restores the pre-apply world
 * exactly, object by object ({@link WorldSnapshot}).
 *
 * <p>One world serves every phase. It is applied one phase at a time ({@code migrate apply --phase p}), with the world
 * S<sub>p</sub> taken after each (S<sub>-1</sub> before apply); then rolled back one phase at a time, highest first
 * ({@code migrate rollback --to-phase p-1}), and must equal S<sub>p-1</sub> after each. That covers a rollback from the
 * end of every phase p all the way back: rollback reverts the journal's steps newest start first, and phases run in
 * order, so a rollback from the end of phase p is the rollback of phase p followed by that of p-1, ..., 0. After the
 * rollback of phase p the world is S<sub>p-1</sub> (asserted) and the journal's steps still to undo are exactly those
 * it had at the end of phase p-1 (the reverted ones are done), so each later rollback in the chain starts as it would
 * from the end of phase p-1, and the chain ends at S<sub>-1</sub>.
 */
@Tag("live-cluster")
@ExtendWith(LocalClusterExtension.class)
@LocalClusterExtension.OwnClusters
class RollbackEveryPhaseLiveTest {

    @TempDir
    Path work;

    private WorldCommands world;

    @BeforeEach
    void startWorld() {
        world = WorldCommands.start(work);
    }

    @AfterEach
    void stopWorld() {
        world.close();
    }

    @Test
    void rollingBackEachPhaseRestoresTheWorldAsItWasBeforeThatPhase() {
        List<WorldSnapshot> before = new ArrayList<>(List.of(world.snapshot()));
        world.makePlan();
        Plan plan = PlanCodec.read(Path.of(world.plan()));
        List<String> options = DemoWorld.applyOptions(plan);
        for (int phase = 0; phase <= ApplyOptions.LAST_PHASE; phase++) {
            Run applied = world.migrate(WorldCommands.apply(options, "--phase", Integer.toString(phase)));
            assertThat(applied.exit()).as(applied.output()).isZero();
            WorldSnapshot after = world.snapshot();
            if (changesSnapshot(plan, phase)) {
                assertThat(after.objects()).as("phase " + phase + " changed the world")
                        .isNotEqualTo(before.get(phase).objects());
            }
            before.add(after);
        }

        for (int phase = ApplyOptions.LAST_PHASE; phase >= 0; phase--) {
            Run undone = world.migrate("rollback", WorldCommands.PLAN, "--yes", "--to-phase",
                    Integer.toString(phase - 1));

            assertThat(undone.exit()).as(undone.output()).isZero();
            assertThat(world.snapshot().objects()).as("after the rollback of phase " + phase)
                    .containsExactlyInAnyOrderEntriesOf(before.get(phase).objects());
        }
    }

    /** Whether the phase has a step whose change a snapshot shows (restarts leave only annotations it ignores). */
    private static boolean changesSnapshot(Plan plan, int phase) {
        return plan.steps().stream().filter(step -> step.phase() == phase)
                .anyMatch(step -> KillPoint.mutates(step) && !(step instanceof RestartWorkload));
    }
}
