package io.wimigrate.planner.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.planner.TestInventory;
import io.wimigrate.planner.model.LabelPodTemplate;
import io.wimigrate.planner.model.Plan;
import org.junit.jupiter.api.Test;

class PodTemplateLabelRuleTest {

    @Test
    void theLabelGoesOnThePodTemplateOfEachKindNeverTheSelector() {
        Plan plan = Plans.offline(TestInventory.cluster("c")
                .userAssigned("ns", "id", "00000000-0000-4000-8000-000000000001")
                .binding("ns", "binding", "id", "app")
                .workload("Deployment", "ns", "d", "d").label("app").add()
                .workload("StatefulSet", "ns", "s", "s").label("app").add()
                .workload("CronJob", "ns", "cj", "cj").label("app").add()
                .workload("Pod", "ns", "p", "p").label("app").add()
                .build());

        assertThat(Plans.steps(plan, LabelPodTemplate.class))
                .extracting(s -> s.target().kind() + " " + s.desired().path())
                .containsExactly("CronJob spec.jobTemplate.spec.template.metadata",
                        "Deployment spec.template.metadata", "Pod metadata", "StatefulSet spec.template.metadata")
                .noneMatch(path -> path.contains("selector"));
        assertThat(Plans.steps(plan, LabelPodTemplate.class))
                .allSatisfy(s -> assertThat(s.desired().labels()).containsExactly(
                        java.util.Map.entry(LabelPodTemplate.USE_LABEL, "true")));
    }
}
