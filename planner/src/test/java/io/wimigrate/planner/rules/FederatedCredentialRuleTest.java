package io.wimigrate.planner.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.planner.AzureFacts;
import io.wimigrate.planner.PlanRequest;
import io.wimigrate.planner.Planner;
import io.wimigrate.planner.TestInventory;
import io.wimigrate.planner.model.CreateFederatedCredential;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.ReuseIdentity;
import io.wimigrate.planner.model.Target;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FederatedCredentialRuleTest {

    private static final String ID = "00000000-0000-4000-8000-000000000001";
    private static final String OTHER_ISSUER = "https://northeurope.oic.prod-aks.azure.com/" + TestInventory.TENANT
            + "/c0ffee00-0000-4000-8000-000000000002/";

    @Test
    void namesAreValidDeterministicAndShortenedWithAHash() {
        String name = FederatedCredentialRule.name("aks.prod", "system:serviceaccount:shop:cart");
        String longName = FederatedCredentialRule.name("c".repeat(100), "system:serviceaccount:" + "n".repeat(60)
                + ":sa");

        assertThat(name).isEqualTo("aks-prod-shop-cart").matches(FederatedCredentialRule.VALID_NAME);
        assertThat(FederatedCredentialRule.name("_x", "system:serviceaccount:a:b")).matches(
                FederatedCredentialRule.VALID_NAME);
        assertThat(longName).hasSize(120).matches(FederatedCredentialRule.VALID_NAME)
                .isEqualTo(FederatedCredentialRule.name("c".repeat(100), "system:serviceaccount:" + "n".repeat(60)
                        + ":sa"))
                .isNotEqualTo(FederatedCredentialRule.name("c".repeat(100), "system:serviceaccount:" + "n".repeat(60)
                        + ":sb"));
    }

    @Test
    void oneCredentialPerNamespaceForAnIdentityUsedInSeveral() {
        Plan plan = Plans.offline(TestInventory.cluster("c")
                .userAssigned("shared", "reader-id", ID)
                .binding("shared", "reader-binding", "reader-id", "reader")
                .workload("Deployment", "a", "job", "reader").label("reader").add()
                .workload("Deployment", "b", "job", "reader").label("reader").add()
                .workload("Deployment", "b", "job2", "reader").label("reader").add()
                .build());

        assertThat(Plans.steps(plan, CreateFederatedCredential.class))
                .extracting(f -> f.desired().subject())
                .containsExactly("system:serviceaccount:a:reader", "system:serviceaccount:b:reader");
    }

    @Test
    void oneCredentialPerIssuerWhenTheIdentityIsUsedOnTwoClusters() {
        Plan plan = Plans.offline(TestInventory.cluster("east")
                .userAssigned("shop", "cart-id", ID)
                .binding("shop", "cart-binding", "cart-id", "cart")
                .workload("Deployment", "shop", "cart", "cart").label("cart").add()
                .andCluster("north", OTHER_ISSUER)
                .userAssigned("shop", "cart-id", ID)
                .binding("shop", "cart-binding", "cart-id", "cart")
                .workload("Deployment", "shop", "cart", "cart").label("cart").add()
                .build());

        assertThat(Plans.steps(plan, ReuseIdentity.class)).hasSize(1);
        assertThat(Plans.steps(plan, CreateFederatedCredential.class))
                .extracting(f -> f.desired().name() + " " + f.desired().issuer())
                .containsExactly("east-shop-cart " + TestInventory.ISSUER, "north-shop-cart " + OTHER_ISSUER);
    }

    @Test
    void anExistingCredentialWithTheSameIssuerAndSubjectIsKeptAndItsNameAvoided() {
        AzureFacts facts = new FixedFacts(List.of(
                new AzureFacts.ExistingFederatedCredential("c-shop-cart", "https://elsewhere/", "system:x:y"),
                new AzureFacts.ExistingFederatedCredential("kept", TestInventory.ISSUER,
                        "system:serviceaccount:shop:api")));
        Plan plan = Planner.plan(new PlanRequest(TestInventory.cluster("c")
                .userAssigned("shop", "cart-id", ID)
                .binding("shop", "cart-binding", "cart-id", "cart")
                .workload("Deployment", "shop", "cart", "cart").label("cart").add()
                .workload("Deployment", "shop", "api", "api").label("cart").add()
                .build(), facts, null, null, null, null, null, null, null));

        assertThat(Plans.steps(plan, CreateFederatedCredential.class))
                .extracting(f -> f.desired().name() + " " + f.desired().subject())
                .containsExactly("kept system:serviceaccount:shop:api",
                        "c-shop-cart-2 system:serviceaccount:shop:cart");
        assertThat(Plans.findings(plan, FederatedCredentialRule.RULE)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("already trusts system:serviceaccount:shop:api"));
        assertThat(plan.header().azure().azureResolved()).isTrue();
    }

    /** Azure as read: every identity has the given credentials, no role assignments. */
    record FixedFacts(List<ExistingFederatedCredential> credentials) implements AzureFacts {
        @Override
        public boolean resolved() {
            return true;
        }

        @Override
        public Optional<List<ExistingFederatedCredential>> federatedCredentials(Target identity) {
            return Optional.of(credentials);
        }

        @Override
        public Optional<List<RoleAssignment>> roleAssignments(String clientId) {
            return Optional.of(List.of());
        }
    }
}
