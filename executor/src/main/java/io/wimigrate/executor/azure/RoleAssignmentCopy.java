package io.wimigrate.executor.azure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.CopyRoleAssignment;

/** STUB: replaced by its implementation (issue 6). */
public final class RoleAssignmentCopy implements StepHandler<CopyRoleAssignment> {

    @Override
    public ObjectNode observe(CopyRoleAssignment step, StepContext context) {
        throw new UnsupportedOperationException("CopyRoleAssignment: not built yet");
    }

    @Override
    public Applied apply(CopyRoleAssignment step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("CopyRoleAssignment: not built yet");
    }

    @Override
    public void revert(CopyRoleAssignment step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("CopyRoleAssignment: not built yet");
    }
}
