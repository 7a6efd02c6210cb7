package io.wimigrate.planner.rules;

import io.wimigrate.planner.PlanRequest;
import io.wimigrate.planner.Planner;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.PlanFinding;
import io.wimigrate.planner.model.Step;
import io.wimigrate.scanner.model.Inventory;
import java.util.List;

/** Plans a hand-made inventory offline and picks steps and findings out of the result. */
final class Plans {

    private Plans() {
    }

    static Plan offline(Inventory inventory) {
        return Planner.plan(PlanRequest.offline(inventory));
    }

    static <T extends Step> List<T> steps(Plan plan, Class<T> type) {
        return plan.steps().stream().filter(type::isInstance).map(type::cast).toList();
    }

    static List<PlanFinding> findings(Plan plan, String rule) {
        return plan.findings().stream().filter(f -> f.rule().equals(rule)).toList();
    }
}
