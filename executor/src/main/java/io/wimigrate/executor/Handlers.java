package io.wimigrate.executor;

import io.wimigrate.executor.azure.FederatedCredentialCreation;
import io.wimigrate.executor.azure.IdentityCreation;
import io.wimigrate.executor.azure.IdentityReuse;
import io.wimigrate.executor.azure.RoleAssignmentCopy;
import io.wimigrate.executor.kube.PodIdentityLabelRemoval;
import io.wimigrate.executor.kube.PodIdentityRemoval;
import io.wimigrate.executor.kube.PodTemplateLabeling;
import io.wimigrate.executor.kube.RecordedDeletion;
import io.wimigrate.executor.kube.ProxySidecarAnnotation;
import io.wimigrate.executor.kube.SecretBackup;
import io.wimigrate.executor.kube.SecretReferenceRemoval;
import io.wimigrate.executor.kube.ServiceAccountAnnotation;
import io.wimigrate.executor.kube.ServiceAccountCreation;
import io.wimigrate.executor.kube.ServiceAccountNameChange;
import io.wimigrate.executor.kube.WorkloadRestart;
import io.wimigrate.executor.verify.PreflightCheck;
import io.wimigrate.executor.verify.WorkloadVerification;
import io.wimigrate.planner.model.AddProxySidecarAnnotation;
import io.wimigrate.planner.model.AnnotateServiceAccount;
import io.wimigrate.planner.model.ApplyRepoPatch;
import io.wimigrate.planner.model.BackupAndDeleteSecret;
import io.wimigrate.planner.model.CheckPreflight;
import io.wimigrate.planner.model.CopyRoleAssignment;
import io.wimigrate.planner.model.CreateFederatedCredential;
import io.wimigrate.planner.model.CreateIdentity;
import io.wimigrate.planner.model.CreateServiceAccount;
import io.wimigrate.planner.model.DeleteAzureIdentity;
import io.wimigrate.planner.model.DeleteBinding;
import io.wimigrate.planner.model.LabelPodTemplate;
import io.wimigrate.planner.model.ManualAction;
import io.wimigrate.planner.model.RemovePodIdentityInstall;
import io.wimigrate.planner.model.RemovePodIdentityLabel;
import io.wimigrate.planner.model.RemoveSecretReference;
import io.wimigrate.planner.model.RestartWorkload;
import io.wimigrate.planner.model.ReuseIdentity;
import io.wimigrate.planner.model.SetServiceAccountName;
import io.wimigrate.planner.model.Step;
import io.wimigrate.planner.model.StepVisitor;
import io.wimigrate.planner.model.VerifyWorkload;

/** The handler of every step type: the one place that maps a step to the code that carries it out. */
public final class Handlers implements StepVisitor<Bound<?>> {

    private final ServiceAccountCreation serviceAccountCreation = new ServiceAccountCreation();
    private final ServiceAccountAnnotation serviceAccountAnnotation = new ServiceAccountAnnotation();
    private final ServiceAccountNameChange serviceAccountNameChange = new ServiceAccountNameChange();
    private final PodTemplateLabeling podTemplateLabeling = new PodTemplateLabeling();
    private final ProxySidecarAnnotation proxySidecarAnnotation = new ProxySidecarAnnotation();
    private final WorkloadRestart workloadRestart = new WorkloadRestart();
    private final PodIdentityLabelRemoval podIdentityLabelRemoval = new PodIdentityLabelRemoval();
    private final RecordedDeletion<DeleteBinding> bindingDeletion = new RecordedDeletion<>();
    private final RecordedDeletion<DeleteAzureIdentity> azureIdentityDeletion = new RecordedDeletion<>();
    private final SecretReferenceRemoval secretReferenceRemoval = new SecretReferenceRemoval();
    private final SecretBackup secretBackup = new SecretBackup();
    private final PodIdentityRemoval podIdentityRemoval = new PodIdentityRemoval();
    private final IdentityCreation identityCreation = new IdentityCreation();
    private final IdentityReuse identityReuse = new IdentityReuse();
    private final RoleAssignmentCopy roleAssignmentCopy = new RoleAssignmentCopy();
    private final FederatedCredentialCreation federatedCredentialCreation = new FederatedCredentialCreation();
    private final PreflightCheck preflightCheck = new PreflightCheck();
    private final WorkloadVerification workloadVerification = new WorkloadVerification();
    private final ManualStep<ApplyRepoPatch> repoPatch = new ManualStep<>();
    private final ManualStep<ManualAction> manual = new ManualStep<>();

    public Bound<?> bind(Step step) {
        return step.accept(this);
    }

    @Override
    public Bound<?> visit(CreateServiceAccount step) {
        return new Bound<>(step, serviceAccountCreation);
    }

    @Override
    public Bound<?> visit(AnnotateServiceAccount step) {
        return new Bound<>(step, serviceAccountAnnotation);
    }

    @Override
    public Bound<?> visit(SetServiceAccountName step) {
        return new Bound<>(step, serviceAccountNameChange);
    }

    @Override
    public Bound<?> visit(LabelPodTemplate step) {
        return new Bound<>(step, podTemplateLabeling);
    }

    @Override
    public Bound<?> visit(AddProxySidecarAnnotation step) {
        return new Bound<>(step, proxySidecarAnnotation);
    }

    @Override
    public Bound<?> visit(RestartWorkload step) {
        return new Bound<>(step, workloadRestart);
    }

    @Override
    public Bound<?> visit(RemovePodIdentityLabel step) {
        return new Bound<>(step, podIdentityLabelRemoval);
    }

    @Override
    public Bound<?> visit(DeleteBinding step) {
        return new Bound<>(step, bindingDeletion);
    }

    @Override
    public Bound<?> visit(DeleteAzureIdentity step) {
        return new Bound<>(step, azureIdentityDeletion);
    }

    @Override
    public Bound<?> visit(RemoveSecretReference step) {
        return new Bound<>(step, secretReferenceRemoval);
    }

    @Override
    public Bound<?> visit(BackupAndDeleteSecret step) {
        return new Bound<>(step, secretBackup);
    }

    @Override
    public Bound<?> visit(RemovePodIdentityInstall step) {
        return new Bound<>(step, podIdentityRemoval);
    }

    @Override
    public Bound<?> visit(CreateIdentity step) {
        return new Bound<>(step, identityCreation);
    }

    @Override
    public Bound<?> visit(ReuseIdentity step) {
        return new Bound<>(step, identityReuse);
    }

    @Override
    public Bound<?> visit(CopyRoleAssignment step) {
        return new Bound<>(step, roleAssignmentCopy);
    }

    @Override
    public Bound<?> visit(CreateFederatedCredential step) {
        return new Bound<>(step, federatedCredentialCreation);
    }

    @Override
    public Bound<?> visit(CheckPreflight step) {
        return new Bound<>(step, preflightCheck);
    }

    @Override
    public Bound<?> visit(VerifyWorkload step) {
        return new Bound<>(step, workloadVerification);
    }

    @Override
    public Bound<?> visit(ApplyRepoPatch step) {
        return new Bound<>(step, repoPatch);
    }

    @Override
    public Bound<?> visit(ManualAction step) {
        return new Bound<>(step, manual);
    }
}
