package io.wimigrate.planner.rules;

import io.wimigrate.scanner.model.AzureIdentity;
import io.wimigrate.scanner.model.AzureIdentityBinding;
import io.wimigrate.scanner.model.ClusterInventory;
import io.wimigrate.scanner.model.ObjectRef;
import io.wimigrate.scanner.model.Ownership;
import io.wimigrate.scanner.model.Severity;
import io.wimigrate.scanner.model.ServiceAccountInfo;
import java.util.Map;

/**
 * Objects that Helm, Argo CD or Flux own are changed in the repository they are rendered from: a live patch would be
 * reverted at the next sync or upgrade. Steps on them carry {@code gitops: true}; this rule says so once per object.
 */
public final class GitOpsOwnershipRule implements PlanRule {

    public static final String RULE = "gitops-owned";

    private static final Map<String, String> MANAGERS = Map.of("helm", "Helm release", "argocd",
            "Argo CD application", "flux", "Flux object");

    static boolean gitops(Ownership ownership) {
        return ownership != null && ownership.gitops();
    }

    /** The step's reason, plus where the change goes when the target is GitOps-owned. */
    static String reason(String reason, Ownership ownership) {
        if (!gitops(ownership)) {
            return reason;
        }
        return reason + ". Owned by " + owner(ownership) + ": the change goes to its repository as a patch, not live";
    }

    @Override
    public void apply(PlanDraft draft) {
        for (MigratingWorkload workload : draft.workloads()) {
            report(draft, workload.cluster(), workload.workload().ref(), workload.workload().ownership());
        }
        for (ClusterInventory cluster : draft.inventory().clusters()) {
            for (AzureIdentity identity : cluster.azureIdentities()) {
                report(draft, cluster.name(), identity.ref(), identity.ownership());
            }
            for (AzureIdentityBinding binding : cluster.bindings()) {
                report(draft, cluster.name(), binding.ref(), binding.ownership());
            }
            for (ServiceAccountInfo account : cluster.serviceAccounts()) {
                report(draft, cluster.name(), account.ref(), account.ownership());
            }
        }
    }

    private static void report(PlanDraft draft, String cluster, ObjectRef ref, Ownership ownership) {
        if (gitops(ownership)) {
            draft.finding(RULE, Severity.NOTE, cluster + ":" + ref.display(), ref.display() + " is owned by "
                    + owner(ownership) + " (" + ownership.evidence() + "): its steps are marked gitops and go to the"
                    + " repository it is rendered from; a live patch would be reverted at the next sync");
        }
    }

    private static String owner(Ownership ownership) {
        String what = MANAGERS.getOrDefault(ownership.manager(), ownership.manager());
        return ownership.name() == null ? what : what + " " + ownership.name();
    }
}
