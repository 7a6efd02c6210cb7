package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.AddProxySidecarAnnotation;

/** STUB: replaced by its implementation (issue 6). */
public final class ProxySidecarAnnotation implements StepHandler<AddProxySidecarAnnotation> {

    @Override
    public ObjectNode observe(AddProxySidecarAnnotation step, StepContext context) {
        throw new UnsupportedOperationException("AddProxySidecarAnnotation: not built yet");
    }

    @Override
    public Applied apply(AddProxySidecarAnnotation step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("AddProxySidecarAnnotation: not built yet");
    }

    @Override
    public void revert(AddProxySidecarAnnotation step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("AddProxySidecarAnnotation: not built yet");
    }
}
