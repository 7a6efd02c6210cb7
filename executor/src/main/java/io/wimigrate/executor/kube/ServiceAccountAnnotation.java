package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.AnnotateServiceAccount;

/** STUB: replaced by its implementation (issue 6). */
public final class ServiceAccountAnnotation implements StepHandler<AnnotateServiceAccount> {

    @Override
    public ObjectNode observe(AnnotateServiceAccount step, StepContext context) {
        throw new UnsupportedOperationException("AnnotateServiceAccount: not built yet");
    }

    @Override
    public Applied apply(AnnotateServiceAccount step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("AnnotateServiceAccount: not built yet");
    }

    @Override
    public void revert(AnnotateServiceAccount step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("AnnotateServiceAccount: not built yet");
    }
}
