package io.wimigrate.executor;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.planner.model.Step;

/**
 * A step that only reads (a check, a verification, confirming what exists): there is no prior state to record and
 * nothing to undo, so the executor journals its start and outcome together, in one write after it ran.
 */
public interface ReadOnlyStepHandler<S extends Step> extends StepHandler<S> {

    @Override
    default ObjectNode observe(S step, StepContext context) {
        return JsonNodeFactory.instance.objectNode();
    }

    @Override
    default void revert(S step, ObjectNode prior, StepContext context) {
        // Nothing was changed.
    }
}
