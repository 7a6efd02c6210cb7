package io.wimigrate.planner.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wimigrate.planner.AzureFacts;
import io.wimigrate.planner.Overrides;
import io.wimigrate.planner.PlanRequest;
import io.wimigrate.planner.Planner;
import io.wimigrate.planner.PlanningException;
import io.wimigrate.planner.TestInventory;
import io.wimigrate.planner.model.AnnotateServiceAccount;
import io.wimigrate.planner.model.CopyRoleAssignment;
import io.wimigrate.planner.model.CreateIdentity;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.ReuseIdentity;
import io.wimigrate.planner.model.Target;
import io.wimigrate.scanner.model.Inventory;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Type 0 reused; service principals replaced by new identities or federated per the chosen strategy. */
class IdentityMappingRuleTest {

    private static final String UAMI = "00000000-0000-4000-8000-000000000001";
    static final String SP = "00000000-0000-4000-8000-0000000000sp";

    static Inventory inventory() {
        return TestInventory.cluster("c")
                .userAssigned("shop", "cart-id", UAMI)
                .servicePrincipal("shop", "legacy-sp", SP, "legacy-creds")
                .binding("shop", "cart-binding", "cart-id", "cart")
                .binding("shop", "legacy-binding", "legacy-sp", "legacy")
                .workload("Deployment", "shop", "cart", "cart").label("cart").add()
                .workload("Deployment", "shop", "legacy", "legacy").label("legacy").readsSecret("notifier-sp",
                        "AZURE_CLIENT_SECRET").add()
                .build();
    }

    private static Plan plan(String strategy, Overrides overrides, AzureFacts facts) {
        return Planner.plan(new PlanRequest(inventory(), facts, overrides, strategy, null, null, null, null, null));
    }

    @Test
    void aUserAssignedIdentityIsReusedWithItsClientId() {
        Plan plan = Plans.offline(inventory());

        assertThat(Plans.steps(plan, ReuseIdentity.class)).singleElement().satisfies(r -> {
            assertThat(r.target())
                    .isEqualTo(Target.identity(TestInventory.SUBSCRIPTION, TestInventory.RG, "id-cart-id"));
            assertThat(r.desired().clientId()).isEqualTo(UAMI);
        });
    }

    @Test
    void oneIdentityNamedInDifferentCaseIsOneIdentity() {
        Plan plan = Plans.offline(TestInventory.cluster("c")
                .userAssigned("a", "reader-id", UAMI)
                .userAssignedWithId("b", "reader-id", UAMI, ("/subscriptions/" + TestInventory.SUBSCRIPTION
                        + "/resourcegroups/" + TestInventory.RG + "/providers/Microsoft.ManagedIdentity"
                        + "/userAssignedIdentities/ID-Reader-Id").toUpperCase(java.util.Locale.ROOT))
                .binding("a", "binding", "reader-id", "reader")
                .binding("b", "binding", "reader-id", "reader")
                .workload("Deployment", "a", "app", "app").label("reader").add()
                .workload("Deployment", "b", "app", "app").label("reader").add()
                .build());

        assertThat(Plans.steps(plan, ReuseIdentity.class)).singleElement()
                .satisfies(r -> assertThat(r.target().name()).isEqualTo("id-reader-id"));
        assertThat(plan.header().azure().resourceGroup().value()).isEqualTo(TestInventory.RG);
    }

    @Test
    void anAzureIdentityWithoutAUsableResourceIdIsAProblem() {
        assertThatThrownBy(() -> Plans.offline(TestInventory.cluster("c")
                .userAssignedWithId("a", "broken-id", UAMI, "not-an-arm-id")
                .binding("a", "binding", "broken-id", "x")
                .workload("Deployment", "a", "app", "app").label("x").add()
                .build()))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("AzureIdentity/a/broken-id: a user-assigned identity needs a resourceID");
    }

    @Test
    void uamiCreatesAnIdentityPerServicePrincipalAndCopiesItsRoles() {
        Plan plan = Plans.offline(inventory());
        List<CreateIdentity> created = Plans.steps(plan, CreateIdentity.class);

        assertThat(created).extracting(c -> c.target().name()).containsExactly("id-legacy-sp", "id-notifier-sp");
        assertThat(created).allSatisfy(c -> assertThat(c.desired().location()).isEqualTo("westeurope"));
        assertThat(Plans.steps(plan, CopyRoleAssignment.class)).extracting(c -> c.target().name() + " "
                + c.desired().role()).containsExactly("id-legacy-sp *", "id-notifier-sp *");
        assertThat(Plans.steps(plan, AnnotateServiceAccount.class)).filteredOn(a -> a.target().name().equals("legacy"))
                .singleElement().satisfies(a -> assertThat(a.desired().annotations()
                        .get(AnnotateServiceAccount.CLIENT_ID)).isEqualTo("$(" + created.get(0).id() + ".clientId)"));
        assertThat(plan.header().spStrategy().choices()).extracting(c -> c.strategy()).containsOnly("uami");
    }

    @Test
    void readRoleAssignmentsAreCopiedOneByOne() {
        AzureFacts facts = new AzureFacts() {
            public boolean resolved() {
                return true;
            }

            public Optional<List<ExistingFederatedCredential>> federatedCredentials(Target identity) {
                return Optional.of(List.of());
            }

            public Optional<List<RoleAssignment>> roleAssignments(String clientId) {
                return Optional.of(List.of(new RoleAssignment("Storage Blob Data Reader", "/subscriptions/s/x"),
                        new RoleAssignment("Reader", "/subscriptions/s")));
            }
        };
        Plan plan = plan("uami", null, facts);

        assertThat(Plans.steps(plan, CopyRoleAssignment.class))
                .filteredOn(c -> c.target().name().equals("id-legacy-sp"))
                .extracting(c -> c.desired().role()).containsExactlyInAnyOrder("Reader", "Storage Blob Data Reader");
    }

    @Test
    void aNewIdentityNeedsToKnowWhereToGo() {
        Inventory onlySecrets = TestInventory.cluster("c")
                .workload("Deployment", "shop", "mailer", "mailer").readsSecret("mailer-sp", "AZURE_CLIENT_SECRET")
                .add()
                .build();

        assertThatThrownBy(() -> Plans.offline(onlySecrets))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("give --subscription, --resource-group and --location");
        Plan plan = Planner.plan(new PlanRequest(onlySecrets, AzureFacts.offline(), null, null, null, "sub", "rg",
                "eastus", null));
        assertThat(Plans.steps(plan, CreateIdentity.class)).singleElement()
                .satisfies(c -> assertThat(c.target().display()).isEqualTo(
                        "/subscriptions/sub/resourceGroups/rg: UserAssignedIdentity/id-mailer-sp"));
        assertThat(plan.header().azure().resourceGroup().source()).isEqualTo("option");
    }
}
