package io.wimigrate.planner.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.planner.TestInventory;
import io.wimigrate.planner.model.CreateFederatedCredential;
import io.wimigrate.planner.model.Plan;
import org.junit.jupiter.api.Test;

class CrossNamespaceBindingRuleTest {

    @Test
    void aBindingFromAnotherNamespaceIsReportedAndTheCredentialNamesTheWorkloadsNamespace() {
        Plan plan = Plans.offline(TestInventory.cluster("c")
                .userAssigned("payments", "reader-id", "00000000-0000-4000-8000-000000000001")
                .binding("payments", "reader-binding", "reader-id", "reader")
                .workload("CronJob", "reporting", "report", "report").label("reader").add()
                .workload("Deployment", "payments", "api", "api").label("reader").add()
                .build());

        assertThat(Plans.findings(plan, CrossNamespaceBindingRule.RULE)).singleElement().satisfies(f -> {
            assertThat(f.subject())
                    .isEqualTo("c:CronJob/reporting/report:AzureIdentityBinding/payments/reader-binding");
            assertThat(f.message()).contains("from another namespace").contains("reporting/report");
        });
        assertThat(Plans.steps(plan, CreateFederatedCredential.class)).extracting(f -> f.desired().subject())
                .containsExactlyInAnyOrder("system:serviceaccount:payments:api",
                        "system:serviceaccount:reporting:report");
    }
}
