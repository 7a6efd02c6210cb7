package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.RemoveSecretReference;

/** STUB: replaced by its implementation (issue 6). */
public final class SecretReferenceRemoval implements StepHandler<RemoveSecretReference> {

    @Override
    public ObjectNode observe(RemoveSecretReference step, StepContext context) {
        throw new UnsupportedOperationException("RemoveSecretReference: not built yet");
    }

    @Override
    public Applied apply(RemoveSecretReference step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("RemoveSecretReference: not built yet");
    }

    @Override
    public void revert(RemoveSecretReference step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("RemoveSecretReference: not built yet");
    }
}
