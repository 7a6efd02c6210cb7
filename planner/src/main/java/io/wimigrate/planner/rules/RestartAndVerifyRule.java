package io.wimigrate.planner.rules;

import io.wimigrate.planner.model.RestartWorkload;
import io.wimigrate.planner.model.VerifyWorkload;
import io.wimigrate.scanner.model.Severity;
import java.util.List;

/**
 * Only pods created after the label and annotation exist are mutated, so each workload restarts in the way its kind
 * allows, then is verified: its new pods run as the planned ServiceAccount with the injected environment, and the
 * token exchange works for each of its identities.
 */
public final class RestartAndVerifyRule implements PlanRule {

    public static final String RULE = "restart";
    static final List<String> INJECTED_ENV = List.of("AZURE_AUTHORITY_HOST", "AZURE_CLIENT_ID",
            "AZURE_FEDERATED_TOKEN_FILE", "AZURE_TENANT_ID");

    @Override
    public void apply(PlanDraft draft) {
        for (MigratingWorkload workload : draft.workloads()) {
            String kind = workload.workload().ref().kind();
            String method = switch (kind) {
                case "CronJob" -> "next-scheduled-run";
                case "Pod" -> "recreate-pod";
                case "Job" -> "rerun";
                default -> "rollout-restart";
            };
            String why = switch (kind) {
                case "CronJob" -> "its next scheduled job creates mutated pods; verification waits for that run";
                case "Pod" -> "a bare pod has no controller: it is deleted and created again from its spec";
                case "Job" -> "a Job's pods are not restarted: it is run again from its spec";
                default -> "rollout restart creates mutated pods, replica by replica";
            };
            draft.add(new RestartWorkload(workload.target(), new RestartWorkload.Desired(method), why));
            if ("Pod".equals(kind) || "Job".equals(kind)) {
                draft.finding(RULE, Severity.WARNING, workload.key(), workload.display() + " has no controller that"
                        + " recreates it: apply deletes it and creates it again from its spec; whatever it keeps"
                        + " only in memory or on its filesystem is lost");
            }
            List<String> clientIds = draft.identitiesOf(workload).stream().map(MappedIdentity::clientId).toList();
            draft.add(new VerifyWorkload(workload.target(), new VerifyWorkload.Desired(
                    draft.serviceAccount(workload).name(), clientIds, INJECTED_ENV),
                    "cleanup of " + workload.display() + "'s pod identity and secrets waits for this proof"));
        }
    }
}
