package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.BackupAndDeleteSecret;

/** STUB: replaced by its implementation (issue 6). */
public final class SecretBackup implements StepHandler<BackupAndDeleteSecret> {

    @Override
    public ObjectNode observe(BackupAndDeleteSecret step, StepContext context) {
        throw new UnsupportedOperationException("BackupAndDeleteSecret: not built yet");
    }

    @Override
    public Applied apply(BackupAndDeleteSecret step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("BackupAndDeleteSecret: not built yet");
    }

    @Override
    public void revert(BackupAndDeleteSecret step, ObjectNode prior, StepContext context) {
        throw new UnsupportedOperationException("BackupAndDeleteSecret: not built yet");
    }
}
