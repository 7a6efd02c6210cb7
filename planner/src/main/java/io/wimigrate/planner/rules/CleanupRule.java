package io.wimigrate.planner.rules;

import io.wimigrate.planner.model.BackupAndDeleteSecret;
import io.wimigrate.planner.model.DeleteAzureIdentity;
import io.wimigrate.planner.model.DeleteBinding;
import io.wimigrate.planner.model.ManualAction;
import io.wimigrate.planner.model.RemovePodIdentityInstall;
import io.wimigrate.planner.model.RemovePodIdentityLabel;
import io.wimigrate.planner.model.Target;
import io.wimigrate.scanner.model.AzureIdentity;
import io.wimigrate.scanner.model.AzureIdentityBinding;
import io.wimigrate.scanner.model.BoundIdentity;
import io.wimigrate.scanner.model.ClusterInventory;
import io.wimigrate.scanner.model.ObjectRef;
import io.wimigrate.scanner.model.PodIdentityInstall;
import io.wimigrate.scanner.model.SpSecret;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Phase 6, in this order: the {@code aadpodidbinding} labels, the bindings, the AzureIdentity objects, the Secrets
 * (backed up first; their references went in phase 3, see {@link SecretReferenceSwitchRule}), the service principals' credentials (manual), then NMI/MIC and the CRDs
 * (for the AKS add-on: disabling it, a manual action). The safety invariant checks that each runs after the
 * verification of every workload it affects.
 */
public final class CleanupRule implements PlanRule {

    static final String ABSENT = "absent";
    /** The flag of {@code az aks update} that removes the AKS pod identity add-on. */
    public static final String ADDON_DISABLE = "--disable-pod-identity";
    /** Made and removed by their controllers; listing them would change the step whenever a pod is replaced. */
    private static final Set<String> CONTROLLER_MADE = Set.of("Pod", "ReplicaSet");

    @Override
    public void apply(PlanDraft draft) {
        for (MigratingWorkload workload : draft.workloads()) {
            if (workload.workload().podIdentityLabel() != null) {
                draft.add(new RemovePodIdentityLabel(workload.target(), new RemovePodIdentityLabel.Desired(
                        PodTemplatePaths.metadata(workload.workload().ref().kind()), RemovePodIdentityLabel.LABEL,
                        ABSENT), GitOpsOwnershipRule.gitops(workload.workload().ownership()),
                        GitOpsOwnershipRule.reason(workload.display() + " runs on workload identity",
                                workload.workload().ownership())));
            }
        }
        for (ClusterInventory cluster : draft.inventory().clusters()) {
            cleanUp(draft, cluster);
        }
        for (CredentialSource source : draft.sources()) {
            if (source.servicePrincipal()) {
                String which = source.clientId() == null ? "whose credentials were in " + source.name()
                        : source.clientId();
                draft.add(new ManualAction(6, source.clientId() == null ? Target.kube(source.cluster(), source.ref())
                        : Target.application(String.valueOf(draft.azure().tenant().value()), source.clientId()),
                        new ManualAction.Desired("in Entra ID, remove the client secrets and certificates of the"
                                + " service principal " + which + "; delete its app registration if nothing else"
                                + " uses it"), "a deleted Secret may live on in backups and copies: the credential"
                        + " itself must be revoked"));
            }
        }
    }

    private static void cleanUp(PlanDraft draft, ClusterInventory cluster) {
        Map<ObjectRef, List<String>> selectedBy = new HashMap<>();
        draft.workloads().stream().filter(w -> w.cluster().equals(cluster.name())).forEach(w -> w.workload()
                .identities().stream().map(BoundIdentity::binding).distinct()
                .forEach(binding -> selectedBy.computeIfAbsent(binding, key -> new ArrayList<>()).add(w.display())));
        for (AzureIdentityBinding binding : cluster.bindings()) {
            String selected = String.join(", ", selectedBy.getOrDefault(binding.ref(), List.of()));
            draft.add(new DeleteBinding(Target.kube(cluster.name(), binding.ref()), new DeleteBinding.Desired(
                    binding.selector(), binding.azureIdentity(), ABSENT),
                    GitOpsOwnershipRule.gitops(binding.ownership()),
                    GitOpsOwnershipRule.reason(selected.isEmpty() ? "selects no workload"
                            : "every workload it selects (" + selected + ") runs on workload identity",
                            binding.ownership())));
        }
        for (AzureIdentity identity : cluster.azureIdentities()) {
            draft.add(new DeleteAzureIdentity(Target.kube(cluster.name(), identity.ref()),
                    new DeleteAzureIdentity.Desired(ABSENT), GitOpsOwnershipRule.gitops(identity.ownership()),
                    GitOpsOwnershipRule.reason("no binding names it any more; the Azure identity itself stays",
                            identity.ownership())));
        }
        for (SpSecret secret : cluster.spSecrets()) {
            if (Boolean.FALSE.equals(secret.exists())) {
                continue;
            }
            ObjectRef ref = secret.ref();
            draft.add(new BackupAndDeleteSecret(Target.kube(cluster.name(), ref), new BackupAndDeleteSecret.Desired(
                    "journal backups/" + cluster.name() + "/" + ref.namespace() + "/" + ref.name() + ".yaml", ABSENT),
                    false, "holds service-principal credentials no workload reads any more"));
        }
        PodIdentityInstall install = cluster.podIdentity();
        if (install == null) {
            return;
        }
        if (install.mode() == PodIdentityInstall.Mode.AKS_ADDON) {
            draft.add(new ManualAction(6, Target.cluster(cluster.name()), new ManualAction.Desired(
                    "az aks update --resource-group <rg> --name " + cluster.name() + " " + ADDON_DISABLE),
                    "the AKS pod identity add-on is removed through AKS, not by deleting its objects"));
            return;
        }
        boolean helm = install.mode() == PodIdentityInstall.Mode.HELM;
        draft.add(new RemovePodIdentityInstall(Target.podIdentityInstall(cluster.name(), install),
                new RemovePodIdentityInstall.Desired(helm ? "helm-uninstall" : "delete-objects", install.release(),
                        install.objects().stream().filter(ref -> !CONTROLLER_MADE.contains(ref.kind()))
                                .map(ObjectRef::display).sorted().toList(), ABSENT),
                "last: NMI and MIC serve pod identity until every workload has moved"));
    }
}
