package io.wimigrate.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.planner.model.CheckPreflight;
import io.wimigrate.planner.model.CreateServiceAccount;
import io.wimigrate.planner.model.LabelPodTemplate;
import io.wimigrate.planner.model.SetServiceAccountName;
import io.wimigrate.planner.model.Step;
import io.wimigrate.planner.model.Target;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StepGraphTest {

    @Test
    void stepsWaitForEarlierStepsOnTheirTargetAndWorkloadsForTheServiceAccountsOfTheirNamespace() {
        Step saA = new CreateServiceAccount(Target.kube("c", "v1", "ServiceAccount", "a", "sa"),
                new CreateServiceAccount.Desired(new TreeMap<>()), false, "r");
        Step nameA = new SetServiceAccountName(Target.kube("c", "apps/v1", "Deployment", "a", "web"),
                new SetServiceAccountName.Desired("spec.template.spec", "sa"), "default", false, "r");
        Step labelA = new LabelPodTemplate(Target.kube("c", "apps/v1", "Deployment", "a", "web"),
                new LabelPodTemplate.Desired("spec.template.metadata", new TreeMap<>(Map.of("k", "v"))), false, "r");
        Step otherNamespace = new SetServiceAccountName(Target.kube("c", "apps/v1", "Deployment", "b", "web"),
                new SetServiceAccountName.Desired("spec.template.spec", "sa"), "default", false, "r");

        Map<String, List<String>> graph = StepGraph.dependencies(List.of(saA, nameA, labelA, otherNamespace));

        assertThat(graph.get(saA.id())).isEmpty();
        assertThat(graph.get(nameA.id())).containsExactly(saA.id());
        assertThat(graph.get(labelA.id())).containsExactly(saA.id(), nameA.id());
        assertThat(graph.get(otherNamespace.id())).isEmpty();
    }

    @Test
    void allStepsOnOneIdentityAreChainedInPlanOrderAndIdentitiesAreIndependent() {
        List<Step> steps = new TestPlans("graph").identities(2).steps();
        Map<String, List<String>> graph = StepGraph.dependencies(steps.stream().filter(s -> s.phase() == 1).toList());
        List<Step> first = steps.stream().filter(s -> s.phase() == 1 && s.target().name().equals("id-0")).toList();

        assertThat(graph.get(first.get(0).id())).isEmpty();
        assertThat(graph.get(first.get(1).id())).containsExactly(first.get(0).id());
        assertThat(graph.values()).allSatisfy(waits -> assertThat(waits).hasSizeLessThanOrEqualTo(1));
    }

    @Test
    void preflightChecksWaitForNothingEvenOnOneTarget() {
        List<Step> checks = new TestPlans("checks").identities(1).steps().stream()
                .filter(s -> s instanceof CheckPreflight).toList();
        CheckPreflight first = (CheckPreflight) checks.get(0);
        Step again = new CheckPreflight(first.target(), new CheckPreflight.Desired(first.desired().check() + "-again",
                first.desired().expect()), "again");
        assertThat(again.id()).isNotEqualTo(first.id());

        Map<String, List<String>> graph = StepGraph.dependencies(List.of(first, again));

        assertThat(graph.get(again.id())).as("a second check of the same target").isEmpty();
    }
}
