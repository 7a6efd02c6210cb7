package io.wimigrate.planner.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.planner.TestInventory;
import io.wimigrate.planner.model.AnnotateServiceAccount;
import io.wimigrate.planner.model.CreateServiceAccount;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.SetServiceAccountName;
import io.wimigrate.planner.model.VerifyWorkload;
import org.junit.jupiter.api.Test;

class DedicatedServiceAccountRuleTest {

    @Test
    void aWorkloadOnTheDefaultServiceAccountGetsItsOwn() {
        Plan plan = Plans.offline(TestInventory.cluster("c")
                .userAssigned("shop", "cart-id", "00000000-0000-4000-8000-000000000001")
                .binding("shop", "cart-binding", "cart-id", "cart")
                .workload("Deployment", "shop", "cart", "default").label("cart").add()
                .build());

        assertThat(Plans.steps(plan, CreateServiceAccount.class)).singleElement()
                .satisfies(s -> assertThat(s.target().display()).isEqualTo("c: ServiceAccount/shop/cart"));
        assertThat(Plans.steps(plan, SetServiceAccountName.class)).singleElement().satisfies(s -> {
            assertThat(s.desired().serviceAccountName()).isEqualTo("cart");
            assertThat(s.desired().path()).isEqualTo("spec.template.spec");
            assertThat(s.current()).isEqualTo("default");
        });
        assertThat(Plans.steps(plan, AnnotateServiceAccount.class)).extracting(s -> s.target().name())
                .containsExactly("cart");
        assertThat(Plans.findings(plan, DedicatedServiceAccountRule.RULE)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("default"));
    }

    @Test
    void workloadsSharingAnAccountWithDifferentIdentitiesEachGetTheirOwn() {
        Plan plan = Plans.offline(TestInventory.cluster("c")
                .userAssigned("pay", "api-id", "00000000-0000-4000-8000-000000000001")
                .userAssigned("pay", "ledger-id", "00000000-0000-4000-8000-000000000002")
                .binding("pay", "api-binding", "api-id", "api")
                .binding("pay", "ledger-binding", "ledger-id", "ledger")
                .workload("Deployment", "pay", "api", "payments").label("api").add()
                .workload("StatefulSet", "pay", "ledger", "payments").label("ledger").add()
                .build());

        assertThat(Plans.steps(plan, SetServiceAccountName.class))
                .extracting(s -> s.target().name() + "->" + s.desired().serviceAccountName())
                .containsExactly("api->api", "ledger->ledger");
        assertThat(Plans.steps(plan, AnnotateServiceAccount.class)).extracting(s -> s.target().name())
                .containsExactly("api", "ledger").doesNotContain("payments");
        assertThat(Plans.steps(plan, VerifyWorkload.class)).extracting(v -> v.desired().serviceAccount())
                .containsExactly("api", "ledger");
    }

    @Test
    void workloadsSharingAnAccountWithTheSameIdentityKeepIt() {
        Plan plan = Plans.offline(TestInventory.cluster("c")
                .userAssigned("pay", "api-id", "00000000-0000-4000-8000-000000000001")
                .binding("pay", "api-binding", "api-id", "api")
                .workload("Deployment", "pay", "api", "payments").label("api").add()
                .workload("Deployment", "pay", "api-canary", "payments").label("api").add()
                .build());

        assertThat(Plans.steps(plan, CreateServiceAccount.class)).isEmpty();
        assertThat(Plans.steps(plan, AnnotateServiceAccount.class)).singleElement()
                .satisfies(s -> assertThat(s.target().name()).isEqualTo("payments"));
    }

    @Test
    void aNewAccountNameDoesNotCollideWithAnExistingOne() {
        Plan plan = Plans.offline(TestInventory.cluster("c")
                .userAssigned("shop", "cart-id", "00000000-0000-4000-8000-000000000001")
                .binding("shop", "cart-binding", "cart-id", "cart")
                .workload("Deployment", "shop", "cart", "default").label("cart").add()
                .workload("Deployment", "shop", "other", "cart").add()
                .build());

        assertThat(Plans.steps(plan, CreateServiceAccount.class)).singleElement()
                .satisfies(s -> assertThat(s.target().name()).isEqualTo("cart-wi"));
    }
}
