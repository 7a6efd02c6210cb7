package io.wimigrate.planner.check;

import io.wimigrate.planner.model.AnnotateServiceAccount;
import io.wimigrate.planner.model.BackupAndDeleteSecret;
import io.wimigrate.planner.model.CreateFederatedCredential;
import io.wimigrate.planner.model.CreateIdentity;
import io.wimigrate.planner.model.DeleteAzureIdentity;
import io.wimigrate.planner.model.DeleteBinding;
import io.wimigrate.planner.model.LabelPodTemplate;
import io.wimigrate.planner.model.ManualAction;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.RemovePodIdentityInstall;
import io.wimigrate.planner.model.RemovePodIdentityLabel;
import io.wimigrate.planner.model.RemoveSecretReference;
import io.wimigrate.planner.model.RestartWorkload;
import io.wimigrate.planner.model.ReuseIdentity;
import io.wimigrate.planner.model.SetServiceAccountName;
import io.wimigrate.planner.model.Step;
import io.wimigrate.planner.model.Target;
import io.wimigrate.planner.model.VerifyWorkload;
import io.wimigrate.planner.rules.CleanupRule;
import io.wimigrate.planner.rules.CredentialSource;
import io.wimigrate.planner.rules.MigratingWorkload;
import io.wimigrate.planner.rules.PlanDraft;
import io.wimigrate.scanner.model.AzureIdentity;
import io.wimigrate.scanner.model.BoundIdentity;
import io.wimigrate.scanner.model.ClusterInventory;
import io.wimigrate.scanner.model.Inventory;
import io.wimigrate.scanner.model.ObjectRef;
import io.wimigrate.scanner.model.SecretUse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Walks a plan's steps in order over a model of the cluster and proves two things: after every step each migrating
 * workload still has a working credential for every identity it uses (pod identity while its label, binding,
 * AzureIdentity and NMI exist; a Secret while it and the reference exist; workload identity from its verify step on,
 * or from the removal of its Secret reference, which must come after everything workload identity needs);
 * and no cleanup step comes before the verification of every workload it affects. A verify step counts only when the
 * identity, federated credential, ServiceAccount annotation, label and restart it relies on come before it; the label
 * itself must come after all but the restart, since pods it reaches prefer workload identity over IMDS.
 */
public final class SafetyInvariant {

    private final Inventory inventory;
    private final List<MigratingWorkload> workloads;
    private final Set<String> removed = new HashSet<>();
    private final Set<String> done = new HashSet<>();
    private final Set<String> verified = new HashSet<>();
    private final Map<String, Target> identityByClientId = new HashMap<>();
    private final Set<String> violations = new LinkedHashSet<>();
    private final Map<String, VerifyWorkload.Desired> intended = new HashMap<>();
    /** Workloads by their own target, and by every object (binding, identity, Secret) their credential rests on. */
    private final Map<String, MigratingWorkload> byTarget = new HashMap<>();
    private final Map<String, Set<String>> dependents = new HashMap<>();

    private SafetyInvariant(Inventory inventory, Plan plan) {
        this.inventory = inventory;
        this.workloads = PlanDraft.migratingWorkloads(inventory);
        for (MigratingWorkload workload : workloads) {
            String display = workload.target().display();
            byTarget.put(display, workload);
            String cluster = workload.cluster();
            for (BoundIdentity bound : workload.workload().identities()) {
                depend(Target.kube(cluster, bound.binding()).display(), display);
                if (bound.identity() != null) {
                    depend(Target.kube(cluster, bound.identity()).display(), display);
                }
            }
            workload.workload().secretUses().forEach(use -> depend(Target.kube(cluster, use.secret()).display(),
                    display));
            workload.sources().stream().map(source -> clientPasswordOf(cluster, source))
                    .filter(Objects::nonNull).forEach(password -> depend(password, display));
        }
        for (Step step : plan.steps()) {
            if (step instanceof VerifyWorkload verify) {
                intended.put(verify.target().display(), verify.desired());
            }
        }
    }

    private void depend(String object, String workload) {
        dependents.computeIfAbsent(object, key -> new LinkedHashSet<>()).add(workload);
    }

    /** Violations in plan order; empty when the plan is safe. */
    public static List<String> check(Plan plan, Inventory inventory) {
        SafetyInvariant invariant = new SafetyInvariant(inventory, plan);
        List<Step> steps = plan.steps();
        for (int i = 0; i < steps.size(); i++) {
            invariant.apply(steps.get(i), i + 1);
        }
        return List.copyOf(invariant.violations);
    }

    /** How a violation names the step; built only for a violation, since most plans have none. */
    private static String where(Step step, int number) {
        return "step " + number + " (" + step.id() + " " + step.action() + " " + step.target().display() + ")";
    }

    private void apply(Step step, int number) {
        Set<String> affected = affected(step);
        for (String workload : affected) {
            if (!verified.contains(workload)) {
                violations.add(where(step, number) + " affects " + workload
                        + " before it is verified on workload identity");
            }
        }
        if (step instanceof VerifyWorkload verify) {
            verify(verify, number);
        } else if (step instanceof LabelPodTemplate label) {
            label(label, number);
        } else if (step instanceof RemoveSecretReference remove) {
            secretSwitch(remove, number);
        }
        if (step instanceof ReuseIdentity reuse) {
            identityByClientId.put(reuse.desired().clientId(), reuse.target());
        } else if (step instanceof CreateIdentity create) {
            identityByClientId.put(create.clientIdReference(), create.target());
        }
        String key = key(step);
        if (key != null) {
            done.add(key);
        }
        // Only a removal takes a credential path away (verifying only adds one), and only from the workloads the
        // removed object affects: checking those is checking all.
        removalKey(step).ifPresent(removed::add);
        for (String display : affected) {
            MigratingWorkload workload = byTarget.get(display);
            credentialLost(workload).ifPresent(lost -> violations.add("after " + where(step, number) + ", "
                    + display + " has no working credential for " + lost));
        }
    }

    private void verify(VerifyWorkload verify, int number) {
        MigratingWorkload workload = workload(verify.target());
        if (workload == null) {
            return;
        }
        List<String> missing = new ArrayList<>();
        if (!done.contains("restart-workload " + verify.target().display())) {
            missing.add("its restart");
        }
        if (!workload.workload().workloadIdentityLabel()
                && !done.contains("label-pod-template " + verify.target().display())) {
            missing.add("the pod-template label");
        }
        missing.addAll(missingIdentity(workload, verify.desired()));
        if (missing.isEmpty()) {
            verified.add(verify.target().display());
        } else {
            violations.add(where(verify, number) + " verifies before " + String.join(", ", missing));
        }
    }

    /**
     * Pods created once the label is on get the workload-identity environment, and current Azure Identity libraries
     * then use it instead of IMDS: the ServiceAccount, its annotation and every federated credential must be there.
     */
    private void label(LabelPodTemplate label, int number) {
        MigratingWorkload workload = workload(label.target());
        VerifyWorkload.Desired intent = intended.get(label.target().display());
        if (workload == null || intent == null) {
            return;
        }
        List<String> missing = missingIdentity(workload, intent);
        if (!missing.isEmpty()) {
            violations.add(where(label, number) + " labels the pods before " + String.join(", ", missing));
        }
    }

    /** Without its Secret reference the workload's new pods can only use workload identity: all of it must be there. */
    private void secretSwitch(RemoveSecretReference remove, int number) {
        MigratingWorkload workload = workload(remove.target());
        VerifyWorkload.Desired intent = intended.get(remove.target().display());
        if (workload == null || intent == null) {
            return;
        }
        List<String> missing = missingIdentity(workload, intent);
        if (!workload.workload().workloadIdentityLabel()
                && !done.contains("label-pod-template " + remove.target().display())) {
            missing.add("the pod-template label");
        }
        if (!missing.isEmpty()) {
            violations.add(where(remove, number) + " takes the Secret away before " + String.join(", ", missing));
        }
    }

    /** What workload identity for this workload rests on, as its verify step declares it, not yet done. */
    private List<String> missingIdentity(MigratingWorkload workload, VerifyWorkload.Desired intent) {
        String namespace = workload.namespace();
        String account = intent.serviceAccount();
        Target accountTarget = Target.kube(workload.cluster(), ObjectRef.of("v1", "ServiceAccount", namespace,
                account));
        List<String> missing = new ArrayList<>();
        if (!account.equals(workload.workload().serviceAccount())
                && !done.contains("set-service-account-name " + workload.target().display() + " " + account)) {
            missing.add("serviceAccountName " + account);
        }
        List<String> clientIds = intent.clientIds();
        if (clientIds.isEmpty() || !done.contains("annotate-service-account " + accountTarget.display() + " "
                + clientIds.get(0))) {
            missing.add("the client-id annotation on ServiceAccount " + account);
        }
        for (String clientId : clientIds) {
            // A client id no reuse or create step names belongs to an app registration, which exists already.
            Target identity = identityByClientId.getOrDefault(clientId, Target.application("", clientId));
            if (clientId.startsWith("$(") && !identityByClientId.containsKey(clientId)) {
                missing.add("the creation of identity " + clientId);
            }
            if (!done.contains("create-federated-credential " + identity.name() + " system:serviceaccount:"
                    + namespace + ":" + account)) {
                missing.add("a federated credential on " + identity.name() + " for " + namespace + "/" + account);
            }
        }
        return missing;
    }

    /** What later checks need to know happened, as text keys; null for steps no check asks about. */
    private static String key(Step step) {
        if (step instanceof SetServiceAccountName set) {
            return step.action() + " " + step.target().display() + " " + set.desired().serviceAccountName();
        }
        if (step instanceof AnnotateServiceAccount annotate) {
            return step.action() + " " + step.target().display() + " "
                    + annotate.desired().annotations().get(AnnotateServiceAccount.CLIENT_ID);
        }
        if (step instanceof CreateFederatedCredential credential) {
            return step.action() + " " + step.target().name() + " " + credential.desired().subject();
        }
        if (step instanceof LabelPodTemplate || step instanceof RestartWorkload) {
            return step.action() + " " + step.target().display();
        }
        return null;
    }

    /** What a cleanup step takes away, in the keys {@link #credentialLost} looks up. */
    private Optional<String> removalKey(Step step) {
        if (step instanceof RemovePodIdentityLabel) {
            return Optional.of(step.target().display() + "#label");
        }
        if (step instanceof RemoveSecretReference remove) {
            return Optional.of(step.target().display() + "#" + remove.desired().name());
        }
        if (isAddonDisable(step)) {
            return Optional.ofNullable(installTarget(step.target().scope()));
        }
        if (step instanceof DeleteBinding || step instanceof DeleteAzureIdentity
                || step instanceof BackupAndDeleteSecret || step instanceof RemovePodIdentityInstall) {
            return Optional.of(step.target().display());
        }
        return Optional.empty();
    }

    /** The AKS add-on is disabled by a person; the checker treats that manual step as removing NMI. */
    private static boolean isAddonDisable(Step step) {
        return step instanceof ManualAction manual
                && manual.desired().instruction().contains(CleanupRule.ADDON_DISABLE);
    }

    private Set<String> affected(Step step) {
        String target = step.target().display();
        if (step instanceof RemovePodIdentityLabel) {
            return byTarget.containsKey(target) ? Set.of(target) : Set.of();
        }
        if (step instanceof DeleteBinding || step instanceof DeleteAzureIdentity
                || step instanceof BackupAndDeleteSecret) {
            return dependents.getOrDefault(target, Set.of());
        }
        if (step instanceof RemovePodIdentityInstall || isAddonDisable(step)) {
            Set<String> result = new LinkedHashSet<>();
            workloads.stream().filter(w -> w.cluster().equals(step.target().scope()) && w.podIdentity())
                    .forEach(w -> result.add(w.target().display()));
            return result;
        }
        return Set.of();
    }

    /** The first credential source of the workload with no working path left, if any. */
    private Optional<String> credentialLost(MigratingWorkload workload) {
        if (verified.contains(workload.target().display())) {
            return Optional.empty();
        }
        String cluster = workload.cluster();
        String installKey = installTarget(cluster);
        for (BoundIdentity bound : workload.workload().identities()) {
            if (bound.identity() == null) {
                continue;
            }
            String password = workload.sources().stream()
                    .filter(source -> source.identity() != null && sameName(source.ref(), bound.identity()))
                    .findFirst().map(source -> clientPasswordOf(cluster, source)).orElse(null);
            boolean alive = !removed.contains(workload.target().display() + "#label")
                    && !removed.contains(Target.kube(cluster, bound.binding()).display())
                    && !removed.contains(Target.kube(cluster, bound.identity()).display())
                    && (password == null || !removed.contains(password))
                    && (installKey == null || !removed.contains(installKey));
            if (!alive) {
                return Optional.of("pod identity " + bound.identity().display());
            }
        }
        for (SecretUse use : workload.workload().secretUses()) {
            // Once its reference is gone the workload is on workload identity, which secretSwitch checked.
            boolean alive = removed.contains(workload.target().display() + "#" + use.name())
                    || !removed.contains(Target.kube(cluster, use.secret()).display());
            if (!alive) {
                return Optional.of("service principal Secret " + use.secret().display());
            }
        }
        return Optional.empty();
    }

    /** The Secret a service-principal AzureIdentity reads its credential from (MIC/NMI need it), as a target. */
    private static String clientPasswordOf(String cluster, CredentialSource source) {
        if (source.identity() == null || source.identity().clientPassword() == null) {
            return null;
        }
        AzureIdentity.SecretRef secret = source.identity().clientPassword();
        return Target.kube(cluster, ObjectRef.of("v1", "Secret", secret.namespace(), secret.name())).display();
    }

    private String installTarget(String cluster) {
        return inventory.clusters().stream().filter(c -> c.name().equals(cluster)).findFirst()
                .map(ClusterInventory::podIdentity)
                .map(install -> Target.podIdentityInstall(cluster, install).display())
                .orElse(null);
    }

    private MigratingWorkload workload(Target target) {
        return byTarget.get(target.display());
    }

    private static boolean sameName(ObjectRef a, ObjectRef b) {
        return a.namespace().equals(b.namespace()) && a.name().equals(b.name());
    }
}
