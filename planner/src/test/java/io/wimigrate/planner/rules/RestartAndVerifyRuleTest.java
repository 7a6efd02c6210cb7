package io.wimigrate.planner.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.planner.TestInventory;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.RestartWorkload;
import io.wimigrate.planner.model.Step;
import org.junit.jupiter.api.Test;

class RestartAndVerifyRuleTest {

    @Test
    void eachKindRestartsItsOwnWayAndIsVerifiedRightAfter() {
        Plan plan = Plans.offline(TestInventory.cluster("c")
                .userAssigned("ns", "id", "00000000-0000-4000-8000-000000000001")
                .binding("ns", "binding", "id", "app")
                .workload("Deployment", "ns", "d", "d").label("app").add()
                .workload("CronJob", "ns", "cj", "cj").label("app").add()
                .workload("Pod", "ns", "p", "p").label("app").add()
                .build());

        assertThat(Plans.steps(plan, RestartWorkload.class)).extracting(r -> r.target().kind() + " "
                + r.desired().method()).containsExactly("CronJob next-scheduled-run", "Deployment rollout-restart",
                "Pod recreate-pod");
        assertThat(plan.phases().get(4).steps()).extracting(s -> s.action() + " " + s.target().name())
                .containsExactly("restart-workload cj", "verify-workload cj", "restart-workload d",
                        "verify-workload d", "restart-workload p", "verify-workload p");
        assertThat(Plans.findings(plan, RestartAndVerifyRule.RULE)).singleElement()
                .satisfies(f -> assertThat(f.subject()).isEqualTo("c:Pod/ns/p"));
        assertThat(plan.phases().get(4).steps()).allMatch((Step s) -> s.phase() == 4);
    }
}
