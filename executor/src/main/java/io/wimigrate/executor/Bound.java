package io.wimigrate.executor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.planner.model.Step;
import java.util.List;

/** A step with its handler, so the executor calls it without knowing the step's type. */
public record Bound<S extends Step>(S step, StepHandler<S> handler) {

    public ObjectNode observe(StepContext context) {
        return handler.observe(step, context);
    }

    public Applied apply(ObjectNode prior, StepContext context) {
        return handler.apply(step, prior, context);
    }

    public void revert(ObjectNode prior, StepContext context) {
        handler.revert(step, prior, context);
    }

    public List<BackedUpSecret> backedUpSecrets(ObjectNode prior) {
        return prior == null ? List.of() : handler.backedUpSecrets(step, prior);
    }
}
