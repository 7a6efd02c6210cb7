package io.wimigrate.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.planner.model.CreateServiceAccount;
import io.wimigrate.planner.model.LabelPodTemplate;
import io.wimigrate.planner.model.Phase;
import io.wimigrate.planner.model.SetServiceAccountName;
import io.wimigrate.planner.model.Step;
import io.wimigrate.planner.model.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StepScheduleTest {

    private static final Step SA = new CreateServiceAccount(Target.kube("c", "v1", "ServiceAccount", "a", "sa"),
            new CreateServiceAccount.Desired(new TreeMap<>()), false, "r");
    private static final Step NAME = new SetServiceAccountName(Target.kube("c", "apps/v1", "Deployment", "a", "web"),
            new SetServiceAccountName.Desired("spec.template.spec", "sa"), "default", false, "r");
    private static final Step OTHER = new SetServiceAccountName(Target.kube("c", "apps/v1", "Deployment", "b", "web"),
            new SetServiceAccountName.Desired("spec.template.spec", "sa"), "default", false, "r");
    private static final Step LABEL = new LabelPodTemplate(Target.kube("c", "apps/v1", "Deployment", "a", "web"),
            new LabelPodTemplate.Desired("spec.template.metadata", new TreeMap<>(Map.of("k", "v"))), false, "r");
    private static final List<Phase> PHASES = List.of(new Phase(3, "kubernetes", "", List.of(SA, NAME, OTHER)),
            new Phase(4, "restart-and-verify", "", List.of(LABEL)));

    @Test
    void stepsStartInPlanOrderOnceWhatTheyWaitForIsReleasedAndTheNextPhaseOnceAllOfThisOneIs() {
        StepSchedule schedule = new StepSchedule(PHASES, Set.of());

        assertThat(takeAll(schedule)).as("the workload in namespace a waits for its ServiceAccount")
                .containsExactly(SA, OTHER);
        schedule.released(SA);
        assertThat(takeAll(schedule)).containsExactly(NAME);
        schedule.finished(OTHER);
        schedule.finished(SA);
        assertThat(schedule.open()).isZero();
        assertThat(takeAll(schedule)).as("phase 4 waits for the last step of phase 3").isEmpty();

        schedule.released(NAME);

        assertThat(schedule.open()).isEqualTo(1);
        assertThat(takeAll(schedule)).containsExactly(LABEL);
        assertThat(schedule.firstUnfinished()).as("released is not finished").isEqualTo(PHASES.get(0));
        assertThat(schedule.unfinishedSteps(PHASES.get(0))).isEqualTo(1);
        schedule.finished(NAME);
        schedule.finished(LABEL);
        assertThat(schedule.firstUnfinished()).isNull();
    }

    @Test
    void stepsTheJournalShowsAppliedAreNotScheduledAndWaitForNothing() {
        StepSchedule schedule = new StepSchedule(PHASES, Set.of(SA.id(), OTHER.id()));

        assertThat(takeAll(schedule)).containsExactly(NAME);
        assertThat(schedule.unfinishedSteps(PHASES.get(0))).isEqualTo(1);
    }

    @Test
    void aStepNeverReleasedKeepsItsDependentsAndTheNextPhaseWaiting() {
        StepSchedule schedule = new StepSchedule(PHASES, Set.of());
        takeAll(schedule);

        schedule.finished(OTHER);

        assertThat(takeAll(schedule)).as("a failed or manual step ends neither released nor finished").isEmpty();
        assertThat(schedule.open()).isZero();
        assertThat(schedule.firstUnfinished()).isEqualTo(PHASES.get(0));
    }

    private static List<Step> takeAll(StepSchedule schedule) {
        List<Step> taken = new ArrayList<>();
        for (Step step = schedule.take(); step != null; step = schedule.take()) {
            taken.add(step);
        }
        return taken;
    }
}
