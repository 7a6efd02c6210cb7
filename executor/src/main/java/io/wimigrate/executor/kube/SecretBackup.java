package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.BackedUpSecret;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.BackupAndDeleteSecret;
import java.util.List;

/**
 * Moves a service-principal Secret to a labelled backup Secret in its namespace ({@link SecretBackups}); revert moves
 * it back. The journal holds the backup's name only, never a value.
 */
public final class SecretBackup implements StepHandler<BackupAndDeleteSecret> {

    private static final String BACKUP = "backup";

    @Override
    public ObjectNode observe(BackupAndDeleteSecret step, StepContext context) {
        ObjectNode prior = Json.object();
        KubeObject secret = KubeObject.of(step.target());
        if (!context.viaGit(step) && secret.read(context).isPresent()) {
            prior.put(BACKUP, SecretBackups.backupOf(secret).name());
        }
        return prior;
    }

    @Override
    public Applied apply(BackupAndDeleteSecret step, ObjectNode prior, StepContext context) {
        if (context.viaGit(step)) {
            return GitOps.routed(step);
        }
        KubeObject secret = KubeObject.of(step.target());
        KubeObject backup = SecretBackups.backupOf(secret);
        if (SecretBackups.move(context, secret)) {
            return Applied.changed((context.dryRun() ? "would move " : "moved ") + secret.display()
                    + " to backup Secret " + backup.name());
        }
        return Applied.unchanged(secret.display() + (backup.read(context).isPresent()
                ? " already moved to backup Secret " + backup.name() : " already gone"));
    }

    @Override
    public void revert(BackupAndDeleteSecret step, ObjectNode prior, StepContext context) {
        if (prior.has(BACKUP)) {
            SecretBackups.restore(context, KubeObject.of(step.target()));
        }
    }

    @Override
    public List<BackedUpSecret> backedUpSecrets(BackupAndDeleteSecret step, ObjectNode prior) {
        return prior.has(BACKUP) ? List.of(new BackedUpSecret(step.target().namespace(), step.target().name()))
                : List.of();
    }
}
