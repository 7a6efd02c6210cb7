package io.wimigrate.planner.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.planner.PlanRequest;
import io.wimigrate.planner.Planner;
import io.wimigrate.planner.TestInventory;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.Step;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StepDescriptionsTest {

    @Test
    void describesWhatEachStepChanges() {
        Plan plan = Planner.plan(PlanRequest.offline(TestInventory.cluster("c")
                .userAssigned("shop", "cart-id", "00000000-0000-4000-8000-000000000001")
                .servicePrincipal("shop", "legacy-sp", "00000000-0000-4000-8000-000000000002", "legacy-creds")
                .binding("shop", "cart-binding", "cart-id", "cart")
                .binding("shop", "legacy-binding", "legacy-sp", "legacy")
                .workload("Deployment", "shop", "cart", "cart").label("cart").add()
                .workload("Deployment", "shop", "legacy", "default").label("legacy")
                .readsSecret("mail-sp", "AZURE_CLIENT_SECRET").add()
                .build()));
        Map<String, String> first = new TreeMap<>();
        for (Step step : plan.steps()) {
            first.putIfAbsent(step.action(), StepDescriptions.of(step));
        }

        assertThat(first.values()).allSatisfy(text -> assertThat(text).isNotBlank());
        assertThat(first).containsEntry("reuse-identity", "reuse, client id 00000000-0000-4000-8000-000000000001")
                .containsEntry("set-service-account-name", "serviceAccountName default -> legacy")
                .containsEntry("restart-workload", "rollout-restart")
                .containsEntry("remove-secret-reference",
                        "remove env AZURE_CLIENT_SECRET (Secret mail-sp) from container app");
        assertThat(first.get("label-pod-template"))
                .isEqualTo("label spec.template.metadata azure.workload.identity/use=true");
        assertThat(first.get("copy-role-assignment")).startsWith("copy every role of ");
    }
}
