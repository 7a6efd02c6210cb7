package io.wimigrate.executor;

import io.wimigrate.planner.model.Step;
import java.util.List;

/** The plan's verification steps, each passed or failed with the reason and the fix. */
public record VerifyOutcome(List<Result> results) {

    public record Result(Step step, boolean passed, String detail) {
    }

    public VerifyOutcome {
        results = List.copyOf(results);
    }

    public boolean passed() {
        return results.stream().allMatch(Result::passed);
    }
}
