package io.wimigrate.planner;

import java.util.List;

/**
 * The inputs cannot be turned into a plan that could be applied safely (a limit exceeded, a setting missing, the
 * safety invariant broken). Nothing is written; each problem says what to change.
 */
public final class PlanningException extends RuntimeException {

    private final List<String> problems;

    public PlanningException(List<String> problems) {
        super("no plan written:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
