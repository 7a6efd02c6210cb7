package io.wimigrate.planner.model;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Phase 6: copy the Secret into the journal's backup directory (owner-only file permissions; never printed), then
 * delete it. The credential itself should be revoked in Entra ID afterwards; that is a manual action.
 */
@JsonTypeName("backup-and-delete-secret")
public record BackupAndDeleteSecret(Target target, Desired desired, boolean gitops, String reason) implements Step {

    public record Desired(String backup, String state) {
    }

    @Override
    public int phase() {
        return 6;
    }

    @Override
    public String precondition() {
        return "no workload or AzureIdentity references Secret " + target.namespace() + "/" + target.name();
    }

    @Override
    public Inverse inverse() {
        return new Inverse("restore-secret", "recreate the Secret from " + desired.backup());
    }

    @Override
    public <R> R accept(StepVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
