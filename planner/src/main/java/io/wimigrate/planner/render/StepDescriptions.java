package io.wimigrate.planner.render;

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
import java.util.Map;
import java.util.stream.Collectors;

/** What a step changes, in a few words, as plan.md and {@code migrate show} print it. */
public final class StepDescriptions implements StepVisitor<String> {

    private static final StepDescriptions INSTANCE = new StepDescriptions();

    public static String of(Step step) {
        return step.accept(INSTANCE);
    }

    @Override
    public String visit(CheckPreflight step) {
        return "check " + step.desired().check() + ": " + step.desired().expect();
    }

    @Override
    public String visit(CreateIdentity step) {
        return "create in " + step.desired().location() + ", replacing " + step.desired().replaces();
    }

    @Override
    public String visit(ReuseIdentity step) {
        return "reuse, client id " + step.desired().clientId();
    }

    @Override
    public String visit(CopyRoleAssignment step) {
        return CopyRoleAssignment.ALL.equals(step.desired().role()) ? "copy every role of " + step.desired().from()
                : "grant " + step.desired().role() + " on " + step.desired().scope();
    }

    @Override
    public String visit(CreateFederatedCredential step) {
        return "federated credential " + step.desired().name() + " for " + step.desired().subject();
    }

    @Override
    public String visit(CreateServiceAccount step) {
        return "create ServiceAccount";
    }

    @Override
    public String visit(AnnotateServiceAccount step) {
        return "annotate " + pairs(step.desired().annotations());
    }

    @Override
    public String visit(SetServiceAccountName step) {
        return "serviceAccountName " + step.current() + " -> " + step.desired().serviceAccountName();
    }

    @Override
    public String visit(LabelPodTemplate step) {
        return "label " + step.desired().path() + " " + pairs(step.desired().labels());
    }

    @Override
    public String visit(AddProxySidecarAnnotation step) {
        return "annotate " + step.desired().path() + " " + pairs(step.desired().annotations());
    }

    @Override
    public String visit(RestartWorkload step) {
        return step.desired().method();
    }

    @Override
    public String visit(VerifyWorkload step) {
        return "runs as " + step.desired().serviceAccount() + ", token exchange for "
                + String.join(", ", step.desired().clientIds());
    }

    @Override
    public String visit(ApplyRepoPatch step) {
        return step.desired().command() + " (" + step.desired().findings().size() + " findings)";
    }

    @Override
    public String visit(RemovePodIdentityLabel step) {
        return "remove label " + step.desired().label() + " from " + step.desired().path();
    }

    @Override
    public String visit(DeleteBinding step) {
        return "delete (selector " + step.desired().selector() + ", identity " + step.desired().azureIdentity() + ")";
    }

    @Override
    public String visit(DeleteAzureIdentity step) {
        return "delete the AzureIdentity object";
    }

    @Override
    public String visit(RemoveSecretReference step) {
        return "remove " + step.desired().via() + " " + step.desired().name() + " (Secret " + step.desired().secret()
                + ") from container " + step.desired().container();
    }

    @Override
    public String visit(BackupAndDeleteSecret step) {
        return "back up to " + step.desired().backup() + ", then delete";
    }

    @Override
    public String visit(RemovePodIdentityInstall step) {
        return step.desired().method() + " (" + step.desired().objects().size() + " objects)";
    }

    @Override
    public String visit(ManualAction step) {
        return "manual: " + step.desired().instruction();
    }

    private static String pairs(Map<String, String> values) {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
