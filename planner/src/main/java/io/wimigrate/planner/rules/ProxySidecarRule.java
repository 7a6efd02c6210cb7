package io.wimigrate.planner.rules;

import io.wimigrate.planner.Overrides;
import io.wimigrate.planner.model.AddProxySidecarAnnotation;
import io.wimigrate.planner.model.ManualAction;
import io.wimigrate.scanner.model.Severity;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pod identity works by answering IMDS calls, so every bound workload's code calls IMDS today. Unless the overrides
 * file says its code already takes workload identity or is rewritten by this plan, the plan bridges it: the webhook's
 * proxy sidecar answers IMDS token requests with workload identity, so removing NMI cannot break it. The sidecar's
 * init container rewrites iptables, which {@code hostNetwork} pods do not allow: those get a manual action instead.
 */
public final class ProxySidecarRule implements PlanRule {

    public static final String RULE = "imds-bridge";

    @Override
    public void apply(PlanDraft draft) {
        for (MigratingWorkload workload : draft.workloads()) {
            if (!workload.podIdentity()) {
                continue;
            }
            Overrides.WorkloadChoice choice = draft.request().overrides().workload(workload.cluster(),
                    workload.namespace(), workload.name());
            if (choice != null) {
                draft.finding(RULE, Severity.NOTE, workload.key(), workload.display() + ": no IMDS proxy sidecar, "
                        + (Overrides.WorkloadChoice.REWRITTEN.equals(choice.code()) ? "its code is rewritten by the"
                        + " patch of " + choice.repo() + " (phase 5, before cleanup)" : "its code is declared ready for"
                        + " workload identity") + ": " + choice.reason());
            } else if (workload.workload().hostNetwork()) {
                draft.add(new ManualAction(5, workload.target(), new ManualAction.Desired("deploy code of "
                        + workload.display() + " that reads AZURE_FEDERATED_TOKEN_FILE (a current Azure Identity"
                        + " library), then confirm it here"), "it uses hostNetwork, so the IMDS proxy sidecar cannot"
                        + " bridge it; pod identity cleanup would otherwise cut it off"));
                draft.finding(RULE, Severity.WARNING, workload.key(), workload.display() + " uses hostNetwork: the"
                        + " IMDS proxy sidecar is not possible; its code must take workload identity before cleanup");
            } else {
                String path = PodTemplatePaths.metadata(workload.workload().ref().kind());
                draft.add(new AddProxySidecarAnnotation(workload.target(), new AddProxySidecarAnnotation.Desired(path,
                        new TreeMap<>(Map.of(AddProxySidecarAnnotation.INJECT, "true"))),
                        GitOpsOwnershipRule.gitops(workload.workload().ownership()),
                        GitOpsOwnershipRule.reason("bridge for code that calls IMDS: the proxy sidecar answers it with"
                                + " workload identity once NMI is gone", workload.workload().ownership())));
                draft.finding(RULE, Severity.WARNING, workload.key(), workload.display() + " gets the IMDS proxy"
                        + " sidecar (" + AddProxySidecarAnnotation.INJECT + ") as a bridge: its code calls IMDS today"
                        + " and is not known to take workload identity. Remove the annotation once the code uses an"
                        + " Azure Identity library with workload identity, or mark it ready in the overrides file");
            }
        }
    }
}
