package io.wimigrate.planner.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.planner.TestInventory;
import io.wimigrate.planner.model.ManualAction;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.RemovePodIdentityInstall;
import io.wimigrate.planner.model.Step;
import org.junit.jupiter.api.Test;

class CleanupRuleTest {

    private static TestInventory inventory() {
        return TestInventory.cluster("c")
                .userAssigned("shop", "unused-id", "00000000-0000-4000-8000-000000000001")
                .servicePrincipal("shop", "legacy-sp", "00000000-0000-4000-8000-000000000009", "legacy-creds")
                .binding("shop", "legacy-binding", "legacy-sp", "legacy")
                .binding("shop", "dangling", "legacy-sp", "nothing")
                .workload("Deployment", "shop", "legacy", "legacy").label("legacy").readsSecret("mail-sp",
                        "AZURE_CLIENT_SECRET").add();
    }

    @Test
    void cleanupRunsInTheDocumentedOrderAndLast() {
        Plan plan = Plans.offline(inventory().build());

        assertThat(plan.phases().get(6).steps()).extracting(Step::action).containsExactly(
                "remove-pod-identity-label", "delete-binding", "delete-binding", "delete-azure-identity",
                "delete-azure-identity", "backup-and-delete-secret", "remove-pod-identity-install",
                "manual-action", "manual-action");
        assertThat(Plans.steps(plan, RemovePodIdentityInstall.class)).singleElement().satisfies(r -> {
            assertThat(r.desired().method()).isEqualTo("helm-uninstall");
            assertThat(r.desired().objects()).contains("DaemonSet/aad-pod-identity/aad-pod-identity-nmi")
                    .noneMatch(o -> o.startsWith("Pod/"));
        });
        assertThat(Plans.steps(plan, ManualAction.class)).filteredOn(m -> m.phase() == 6)
                .allSatisfy(m -> assertThat(m.desired().instruction()).contains("remove the client secrets"));
    }

    @Test
    void theAksAddOnIsDisabledThroughAksAsAManualAction() {
        Plan plan = Plans.offline(inventory().addonInstall().build());

        assertThat(Plans.steps(plan, RemovePodIdentityInstall.class)).isEmpty();
        assertThat(plan.phases().get(6).steps()).filteredOn(s -> s instanceof ManualAction m
                && m.desired().instruction().contains("--disable-pod-identity")).hasSize(1);
    }
}
