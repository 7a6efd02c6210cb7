package io.wimigrate.planner.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.planner.TestInventory;
import io.wimigrate.planner.model.Plan;
import org.junit.jupiter.api.Test;

class PodIdentityExceptionRuleTest {

    @Test
    void exceptedWorkloadsAreReportedNotMigrated() {
        Plan plan = Plans.offline(TestInventory.cluster("c")
                .userAssigned("ns", "id", "00000000-0000-4000-8000-000000000001")
                .binding("ns", "binding", "id", "app")
                .workload("Deployment", "ns", "app", "app").label("app").add()
                .exception("monitoring", "exporter", "exporter")
                .build());

        assertThat(Plans.findings(plan, PodIdentityExceptionRule.RULE)).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo("c:Deployment/monitoring/exporter");
            assertThat(f.message()).contains("node's identity").contains("not migrated");
        });
        assertThat(plan.steps()).noneMatch(s -> s.target().display().contains("exporter"));
    }
}
