package io.wimigrate.planner.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wimigrate.planner.AzureFacts;
import io.wimigrate.planner.Overrides;
import io.wimigrate.planner.PlanRequest;
import io.wimigrate.planner.Planner;
import io.wimigrate.planner.PlanningException;
import io.wimigrate.planner.TestInventory;
import io.wimigrate.planner.model.ApplyRepoPatch;
import io.wimigrate.planner.model.ManualAction;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.scanner.model.Inventory;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepoPatchRuleTest {

    private static Inventory inventory() {
        return TestInventory.cluster("c")
                .userAssigned("shop", "cart-id", "00000000-0000-4000-8000-000000000001")
                .binding("shop", "cart-binding", "cart-id", "cart")
                .workload("Deployment", "shop", "cart", "cart").label("cart")
                .readsSecret("cart-sp", "AZURE_CLIENT_SECRET").add()
                .repoWithFinding("services", "src/Cart.java")
                .repo("docs")
                .build();
    }

    @Test
    void aRepositoryWithFindingsGetsItsRewritePatchInPhaseFive() {
        Plan plan = Plans.offline(inventory());

        assertThat(Plans.steps(plan, ApplyRepoPatch.class)).singleElement().satisfies(p -> {
            assertThat(p.target().name()).isEqualTo("services");
            assertThat(p.desired().command()).isEqualTo("migrate rewrite --repo services --plan plan.yaml");
            assertThat(p.desired().findings()).containsExactly(inventory().findings().get(0).id());
        });
    }

    @Test
    void aWorkloadReadingASecretNeedsItsCodeConfirmedBeforeCleanupUnlessDeclaredReady() {
        Plan plan = Plans.offline(inventory());
        Plan ready = Planner.plan(new PlanRequest(inventory(), AzureFacts.offline(), new Overrides(null, Map.of(
                "shop/cart", new Overrides.WorkloadChoice(Overrides.WorkloadChoice.READY,
                        "uses DefaultAzureCredential"))),
                null, null, null, null, null, null));

        assertThat(Plans.steps(plan, ManualAction.class)).filteredOn(m -> m.phase() == 5).singleElement()
                .satisfies(m -> assertThat(m.desired().instruction()).contains("AZURE_CLIENT_SECRET (cart-sp)"));
        assertThat(Plans.steps(ready, ManualAction.class)).noneMatch(m -> m.phase() == 5);
    }

    @Test
    void codeRewrittenFromAScannedRepositoryNeedsNoManualStepNorBridge() {
        Plan rewritten = Planner.plan(new PlanRequest(inventory(), AzureFacts.offline(), new Overrides(null, Map.of(
                "shop/cart", new Overrides.WorkloadChoice(Overrides.WorkloadChoice.REWRITTEN, "built from services",
                        "services"))), null, null, null, null, null, null));

        assertThat(Plans.steps(rewritten, ManualAction.class)).noneMatch(m -> m.phase() == 5);
        assertThat(Plans.steps(rewritten, io.wimigrate.planner.model.AddProxySidecarAnnotation.class)).isEmpty();
        assertThat(Plans.findings(rewritten, ProxySidecarRule.RULE)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("rewritten by the patch of services"));
    }

    @Test
    void codeSaidToBeRewrittenFromARepositoryWithoutPatchIsAProblem() {
        assertThatThrownBy(() -> Planner.plan(new PlanRequest(inventory(), AzureFacts.offline(), new Overrides(null,
                Map.of("shop/cart", new Overrides.WorkloadChoice(Overrides.WorkloadChoice.REWRITTEN, "x", "docs"))),
                null, null, null, null, null, null)))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("no patch for that repository");
    }
}
