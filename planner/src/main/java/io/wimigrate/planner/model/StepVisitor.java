package io.wimigrate.planner.model;

/** One method per step type: adding a step type breaks every consumer until it handles it. */
public interface StepVisitor<R> {

    R visit(CheckPreflight step);

    R visit(CreateIdentity step);

    R visit(ReuseIdentity step);

    R visit(CopyRoleAssignment step);

    R visit(CreateFederatedCredential step);

    R visit(CreateServiceAccount step);

    R visit(AnnotateServiceAccount step);

    R visit(SetServiceAccountName step);

    R visit(LabelPodTemplate step);

    R visit(AddProxySidecarAnnotation step);

    R visit(RestartWorkload step);

    R visit(VerifyWorkload step);

    R visit(ApplyRepoPatch step);

    R visit(RemovePodIdentityLabel step);

    R visit(DeleteBinding step);

    R visit(DeleteAzureIdentity step);

    R visit(RemoveSecretReference step);

    R visit(BackupAndDeleteSecret step);

    R visit(RemovePodIdentityInstall step);

    R visit(ManualAction step);
}
