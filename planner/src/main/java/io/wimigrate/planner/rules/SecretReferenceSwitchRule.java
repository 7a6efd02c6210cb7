package io.wimigrate.planner.rules;

import io.wimigrate.planner.model.RemoveSecretReference;
import io.wimigrate.scanner.model.SecretUse;

/**
 * A workload that reads a service-principal Secret moves to workload identity in one rollout: its references to the
 * Secret go in phase 3 with the pod-template label. They cannot wait for cleanup: Azure Identity libraries try the
 * environment (client id + secret) before workload identity, so a pod with both would keep using the secret, and with
 * the new client id beside the old secret it would fail. The Secret itself stays until every reader is verified.
 */
public final class SecretReferenceSwitchRule implements PlanRule {

    @Override
    public void apply(PlanDraft draft) {
        for (MigratingWorkload workload : draft.workloads()) {
            for (SecretUse use : workload.workload().secretUses()) {
                draft.add(new RemoveSecretReference(workload.target(), new RemoveSecretReference.Desired(
                        use.container(), use.via(), use.name(), use.secret().name(), CleanupRule.ABSENT),
                        GitOpsOwnershipRule.gitops(workload.workload().ownership()),
                        GitOpsOwnershipRule.reason(workload.display() + " moves to workload identity in the same"
                                + " rollout as its pod-template label; literal AZURE_CLIENT_ID, AZURE_TENANT_ID and"
                                + " AZURE_CLIENT_CERTIFICATE_PATH in the container go too, as they would shadow what"
                                + " the webhook injects", workload.workload().ownership())));
            }
        }
    }
}
