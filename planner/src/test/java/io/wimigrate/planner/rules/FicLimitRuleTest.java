package io.wimigrate.planner.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wimigrate.planner.PlanRequest;
import io.wimigrate.planner.Planner;
import io.wimigrate.planner.PlanningException;
import io.wimigrate.planner.TestInventory;
import io.wimigrate.planner.model.CheckPreflight;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.AzureFacts;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FicLimitRuleTest {

    private static final String ID = "00000000-0000-4000-8000-000000000001";

    /**
     * One Azure identity, declared as an AzureIdentity in each of the namespaces a, b and c, used by {@code count}
     * workloads spread over them, each on its own ServiceAccount.
     */
    private static TestInventory sharedIdentity(int count) {
        TestInventory inventory = TestInventory.cluster("c");
        for (String namespace : List.of("a", "b", "c")) {
            inventory.userAssigned(namespace, "reader-id", ID).binding(namespace, "reader-binding", "reader-id",
                    "reader");
        }
        IntStream.range(0, count).forEach(i -> inventory.workload("Deployment", List.of("a", "b", "c").get(i % 3),
                "app" + i, "sa" + i).label("reader").add());
        return inventory;
    }

    @Test
    void twentyCredentialsFitWithAQuotaCheck() {
        Plan plan = Plans.offline(sharedIdentity(20).build());

        assertThat(Plans.steps(plan, CheckPreflight.class)).filteredOn(c -> c.desired().check().equals("fic-quota"))
                .singleElement().satisfies(c -> assertThat(c.desired().expect()).contains("room for 20 new")
                        .contains("existing unknown until apply"));
    }

    @Test
    void twentyOneFailWithASplitProposalInsteadOfAPlan() {
        assertThatThrownBy(() -> Plans.offline(sharedIdentity(21).build()))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("id-reader-id would need 21 federated credentials")
                .hasMessageContaining("keep namespaces a (7), b (7) on id-reader-id")
                .hasMessageContaining("create id-reader-id-2 with the same role assignments for c (7)");
    }

    @Test
    void credentialsThatAlreadyExistCount() {
        List<AzureFacts.ExistingFederatedCredential> existing = IntStream.range(0, 5)
                .mapToObj(i -> new AzureFacts.ExistingFederatedCredential("other" + i, "https://other/", "s" + i))
                .toList();
        PlanRequest request = new PlanRequest(sharedIdentity(16).build(),
                new FederatedCredentialRuleTest.FixedFacts(existing), null, null, null, null, null, null, null);

        assertThatThrownBy(() -> Planner.plan(request))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("21 federated credentials (16 planned, 5 existing)");
    }
}
