package io.wimigrate.planner.rules;

import io.wimigrate.scanner.model.ClusterInventory;
import io.wimigrate.scanner.model.ObjectRef;
import io.wimigrate.scanner.model.PodIdentityException;
import io.wimigrate.scanner.model.Severity;

/**
 * Pods matched by an AzurePodIdentityException reach IMDS past NMI, with the node's (kubelet) identity. They are not
 * migrated automatically: they keep working after NMI is gone (IMDS is then reached directly anyway), and whether they
 * should get an identity of their own is a decision for their team. The exception objects go with the CRDs.
 */
public final class PodIdentityExceptionRule implements PlanRule {

    public static final String RULE = "pod-identity-exception";

    @Override
    public void apply(PlanDraft draft) {
        for (ClusterInventory cluster : draft.inventory().clusters()) {
            for (PodIdentityException exception : cluster.exceptions()) {
                for (ObjectRef workload : exception.workloads()) {
                    draft.finding(RULE, Severity.WARNING, cluster.name() + ":" + workload.display(),
                            workload.display() + " reaches IMDS directly (AzurePodIdentityException "
                                    + exception.ref().namespace() + "/" + exception.ref().name() + "), so it uses the"
                                    + " node's identity, not a pod identity. It is not migrated and keeps working"
                                    + " after NMI is removed; give it an identity of its own if it should not act as"
                                    + " the node");
                }
            }
        }
    }
}
