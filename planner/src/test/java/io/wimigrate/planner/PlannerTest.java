package io.wimigrate.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.planner.io.PlanCodec;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.scanner.model.Inventory;
import org.junit.jupiter.api.Test;

class PlannerTest {

    static Inventory payments() {
        return TestInventory.cluster("prod")
                .userAssigned("payments", "api-id", "c1d2e3f4-0000-4000-8000-000000000001")
                .userAssigned("payments", "ledger-id", "c1d2e3f4-0000-4000-8000-000000000002")
                .servicePrincipal("payments", "legacy-sp", "c1d2e3f4-0000-4000-8000-000000000003", "legacy-sp-creds")
                .binding("payments", "api-binding", "api-id", "api")
                .binding("payments", "ledger-binding", "ledger-id", "ledger")
                .binding("payments", "legacy-binding", "legacy-sp", "legacy")
                .workload("Deployment", "payments", "api", "payments").label("api").readsSecret("storage-sp", "AZURE_CLIENT_SECRET").add()
                .workload("StatefulSet", "payments", "ledger", "payments").label("ledger").add()
                .workload("Deployment", "payments", "legacy", "default").label("legacy").add()
                .repo("repo")
                .build();
    }

    @Test
    void plansAndIsDeterministic() {
        Plan first = Planner.plan(PlanRequest.offline(payments()));
        Plan second = Planner.plan(PlanRequest.offline(payments()));
        String yaml = PlanCodec.write(first);
        System.out.println(yaml);
        assertThat(PlanCodec.write(second)).isEqualTo(yaml);
        assertThat(PlanCodec.read(yaml, "plan.yaml")).isEqualTo(first);
    }
}
