package io.wimigrate.planner.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.planner.TestInventory;
import io.wimigrate.planner.model.AnnotateServiceAccount;
import io.wimigrate.planner.model.Plan;
import org.junit.jupiter.api.Test;

class ServiceAccountAnnotationRuleTest {

    private static final String CLIENT_ID = "00000000-0000-4000-8000-000000000001";

    @Test
    void eachAccountGetsItsWorkloadsClientIdAndTheTenantOnce() {
        Plan plan = Plans.offline(TestInventory.cluster("c")
                .userAssigned("shop", "cart-id", CLIENT_ID)
                .binding("shop", "cart-binding", "cart-id", "cart")
                .workload("Deployment", "shop", "cart", "cart").label("cart").add()
                .workload("Deployment", "shop", "cart-canary", "cart").label("cart").add()
                .build());

        assertThat(Plans.steps(plan, AnnotateServiceAccount.class)).singleElement().satisfies(a -> {
            assertThat(a.target().display()).isEqualTo("c: ServiceAccount/shop/cart");
            assertThat(a.desired().annotations()).containsEntry(AnnotateServiceAccount.CLIENT_ID, CLIENT_ID)
                    .containsEntry(AnnotateServiceAccount.TENANT_ID, TestInventory.TENANT);
            assertThat(a.reason()).contains("Deployment/shop/cart, Deployment/shop/cart-canary");
        });
    }

    @Test
    void aServicePrincipalsOwnTenantGoesOnTheAccount() {
        Plan plan = Plans.offline(TestInventory.cluster("c")
                .userAssigned("shop", "unused-id", CLIENT_ID)
                .servicePrincipal("shop", "legacy-sp", "00000000-0000-4000-8000-000000000002", "creds")
                .binding("shop", "legacy-binding", "legacy-sp", "legacy")
                .workload("Deployment", "shop", "legacy", "legacy").label("legacy").add()
                .build());

        assertThat(Plans.steps(plan, AnnotateServiceAccount.class)).singleElement().satisfies(a -> assertThat(
                a.desired().annotations().get(AnnotateServiceAccount.CLIENT_ID)).startsWith("$(st-"));
    }
}
