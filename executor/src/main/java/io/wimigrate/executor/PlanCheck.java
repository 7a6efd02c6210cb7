package io.wimigrate.executor;

import io.wimigrate.planner.model.Plan;
import java.util.List;

/** Whether a plan still fits the world it will change: what drifted since it was written, one line per object. */
@FunctionalInterface
public interface PlanCheck {

    List<String> drift(Plan plan);
}
