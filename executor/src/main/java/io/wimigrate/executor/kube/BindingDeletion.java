package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.DeleteBinding;

/** STUB: replaced by its implementation (issue 6). */
public final class BindingDeletion implements StepHandler<DeleteBinding> {

    @Override
    public ObjectNode observe(DeleteBinding step, StepContext context) {
        throw new UnsupportedOperationException("DeleteBinding: not built yet");
    }

    @Override
    public Applied apply(DeleteBinding step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("DeleteBinding: not built yet");
    }

    @Override
    public void revert(DeleteBinding step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("DeleteBinding: not built yet");
    }
}
