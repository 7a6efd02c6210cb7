package io.wimigrate.planner.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.planner.TestInventory;
import io.wimigrate.planner.model.CreateFederatedCredential;
import io.wimigrate.planner.model.ManualAction;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.Step;
import org.junit.jupiter.api.Test;

class PreflightRuleTest {

    @Test
    void aClusterWithoutIssuerGetsTheEnableStepFirstAndCredentialsUseTheIssuerKnownAfterIt() {
        Plan plan = Plans.offline(TestInventory.cluster("c").withoutIssuer()
                .userAssigned("ns", "id", "00000000-0000-4000-8000-000000000001")
                .binding("ns", "binding", "id", "app")
                .workload("Deployment", "ns", "d", "d").label("app").add()
                .build());

        assertThat(plan.phases().get(0).steps().get(0)).isInstanceOfSatisfying(ManualAction.class, m -> assertThat(
                m.desired().instruction()).endsWith("--enable-oidc-issuer"));
        assertThat(plan.phases().get(0).steps()).extracting(Step::action).containsSubsequence("manual-action",
                "check-preflight");
        assertThat(Plans.steps(plan, CreateFederatedCredential.class)).singleElement()
                .satisfies(f -> assertThat(f.desired().issuer()).isEqualTo("$(Cluster/c.oidcIssuer)"));
        assertThat(Plans.findings(plan, PreflightRule.RULE)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("no OIDC issuer"));
    }

    @Test
    void aReadyClusterIsOnlyChecked() {
        Plan plan = Plans.offline(TestInventory.cluster("c")
                .userAssigned("ns", "id", "00000000-0000-4000-8000-000000000001")
                .binding("ns", "binding", "id", "app")
                .workload("Deployment", "ns", "d", "d").label("app").add()
                .build());

        assertThat(plan.phases().get(0).steps()).extracting(Step::action).containsOnly("check-preflight");
        assertThat(plan.phases().get(0).steps()).extracting(s -> ((io.wimigrate.planner.model.CheckPreflight) s)
                .desired().check()).contains("oidc-issuer", "webhook", "permissions", "fic-quota");
    }
}
