package io.wimigrate.planner.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.planner.TestInventory;
import io.wimigrate.planner.model.AnnotateServiceAccount;
import io.wimigrate.planner.model.CreateFederatedCredential;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.VerifyWorkload;
import org.junit.jupiter.api.Test;

class PrimaryIdentityRuleTest {

    private static final String STORAGE = "00000000-0000-4000-8000-00000000000a";
    private static final String BUS = "00000000-0000-4000-8000-00000000000b";

    @Test
    void oneIdentityOnTheAccountFederatedCredentialsForAllAndAFindingForTheCode() {
        Plan plan = Plans.offline(TestInventory.cluster("c")
                .userAssigned("orders", "storage-id", STORAGE)
                .userAssigned("orders", "bus-id", BUS)
                .binding("orders", "storage-binding", "storage-id", "processor")
                .binding("orders", "bus-binding", "bus-id", "processor")
                .workload("Deployment", "orders", "processor", "processor").label("processor").add()
                .build());

        assertThat(Plans.steps(plan, AnnotateServiceAccount.class)).singleElement().satisfies(a -> assertThat(
                a.desired().annotations()).containsEntry(AnnotateServiceAccount.CLIENT_ID, BUS));
        assertThat(Plans.steps(plan, CreateFederatedCredential.class))
                .extracting(f -> f.target().name() + " " + f.desired().subject())
                .containsExactlyInAnyOrder("id-bus-id system:serviceaccount:orders:processor",
                        "id-storage-id system:serviceaccount:orders:processor");
        assertThat(Plans.steps(plan, VerifyWorkload.class)).singleElement()
                .satisfies(v -> assertThat(v.desired().clientIds()).containsExactly(BUS, STORAGE));
        assertThat(Plans.findings(plan, PrimaryIdentityRule.RULE)).singleElement().satisfies(f -> assertThat(
                f.message()).contains("id-storage-id (client id " + STORAGE + ") must pass that client id explicitly"));
    }

    @Test
    void aPodIdentityComesBeforeASecretItAlsoReads() {
        Plan plan = Plans.offline(TestInventory.cluster("c")
                .userAssigned("pay", "api-id", STORAGE)
                .binding("pay", "api-binding", "api-id", "api")
                .workload("Deployment", "pay", "api", "api").label("api")
                .readsSecret("storage-sp", "AZURE_CLIENT_SECRET").add()
                .build());

        assertThat(Plans.steps(plan, AnnotateServiceAccount.class)).singleElement().satisfies(a -> assertThat(
                a.desired().annotations()).containsEntry(AnnotateServiceAccount.CLIENT_ID, STORAGE));
        assertThat(Plans.findings(plan, PrimaryIdentityRule.RULE)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("id-storage-sp (client id known after apply)"));
    }
}
