package io.wimigrate.planner.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.planner.Overrides;
import io.wimigrate.planner.PlanRequest;
import io.wimigrate.planner.Planner;
import io.wimigrate.planner.TestInventory;
import io.wimigrate.planner.model.AddProxySidecarAnnotation;
import io.wimigrate.planner.model.ManualAction;
import io.wimigrate.planner.model.Plan;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxySidecarRuleTest {

    private static TestInventory.WorkloadBuilder cart() {
        return TestInventory.cluster("c")
                .userAssigned("shop", "cart-id", "00000000-0000-4000-8000-000000000001")
                .binding("shop", "cart-binding", "cart-id", "cart")
                .workload("CronJob", "shop", "cart", "cart").label("cart");
    }

    @Test
    void boundCodeThatMayCallImdsGetsTheSidecarOnThePodTemplate() {
        Plan plan = Plans.offline(cart().add().build());

        assertThat(Plans.steps(plan, AddProxySidecarAnnotation.class)).singleElement().satisfies(s -> {
            assertThat(s.desired().path()).isEqualTo("spec.jobTemplate.spec.template.metadata");
            assertThat(s.desired().annotations()).containsEntry(AddProxySidecarAnnotation.INJECT, "true");
        });
        assertThat(Plans.findings(plan, ProxySidecarRule.RULE)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("bridge"));
    }

    @Test
    void hostNetworkPodsCannotHaveItAndGetAManualAction() {
        Plan plan = Plans.offline(cart().hostNetwork().add().build());

        assertThat(Plans.steps(plan, AddProxySidecarAnnotation.class)).isEmpty();
        assertThat(Plans.steps(plan, ManualAction.class)).filteredOn(m -> m.phase() == 5).singleElement()
                .satisfies(m -> assertThat(m.reason()).contains("hostNetwork"));
        assertThat(Plans.findings(plan, ProxySidecarRule.RULE)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("hostNetwork"));
    }

    @Test
    void codeDeclaredReadyInTheOverridesNeedsNoBridge() {
        Overrides overrides = new Overrides(null, Map.of("shop/cart",
                new Overrides.WorkloadChoice(Overrides.WorkloadChoice.READY, "azure-identity 1.12")));
        Plan plan = Planner.plan(new PlanRequest(cart().add().build(), io.wimigrate.planner.AzureFacts.offline(),
                overrides, null, null, null, null, null, null));

        assertThat(Plans.steps(plan, AddProxySidecarAnnotation.class)).isEmpty();
        assertThat(Plans.findings(plan, ProxySidecarRule.RULE)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("azure-identity 1.12"));
    }
}
