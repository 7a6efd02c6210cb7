package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.DeleteBinding;

/**
 * Deletes an AzureIdentityBinding once every workload it selects is verified; revert recreates it from the copy in
 * the journal.
 */
public final class BindingDeletion implements StepHandler<DeleteBinding> {

    @Override
    public ObjectNode observe(DeleteBinding step, StepContext context) {
        return RecordedDeletion.observe(step, context);
    }

    @Override
    public Applied apply(DeleteBinding step, ObjectNode prior, StepContext context) {
        return RecordedDeletion.apply(step, context);
    }

    @Override
    public void revert(DeleteBinding step, ObjectNode prior, StepContext context) {
        RecordedDeletion.revert(step, context, prior);
    }
}
