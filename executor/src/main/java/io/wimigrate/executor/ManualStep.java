package io.wimigrate.executor;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.planner.model.ApplyRepoPatch;
import io.wimigrate.planner.model.ManualAction;
import io.wimigrate.planner.model.Step;

/**
 * A step a person carries out (a repository patch to merge and deploy, a manual action). The executor never runs it
 * on its own: it records it as pending, prints {@link #instruction}, and calls {@link #apply} only once the operator
 * confirms it with {@code --ack-manual <step id>}; phases after it wait until then. Rollback cannot undo it either:
 * {@link #revert} only says what to undo by hand.
 */
public final class ManualStep<S extends Step> implements StepHandler<S> {

    /** What the operator is asked to do. */
    public static String instruction(Step step) {
        if (step instanceof ApplyRepoPatch patch) {
            return "in repository " + patch.target().name() + ": run '" + patch.desired().command()
                    + "', then merge and deploy the patch (" + String.join(", ", patch.desired().findings()) + ")";
        }
        if (step instanceof ManualAction action) {
            return action.desired().instruction();
        }
        throw new IllegalArgumentException(step.action() + " is not a manual step");
    }

    @Override
    public ObjectNode observe(S step, StepContext context) {
        return JsonNodeFactory.instance.objectNode();
    }

    @Override
    public Applied apply(S step, ObjectNode prior, StepContext context) {
        return Applied.unchanged("done by hand, as the operator confirmed");
    }

    @Override
    public void revert(S step, ObjectNode prior, StepContext context) {
        context.log().accept("undo by hand: " + step.inverse().description());
    }
}
