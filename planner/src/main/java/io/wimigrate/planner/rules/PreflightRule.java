package io.wimigrate.planner.rules;

import io.wimigrate.planner.model.CheckPreflight;
import io.wimigrate.planner.model.CreateIdentity;
import io.wimigrate.planner.model.CopyRoleAssignment;
import io.wimigrate.planner.model.ManualAction;
import io.wimigrate.planner.model.ReuseIdentity;
import io.wimigrate.planner.model.Step;
import io.wimigrate.planner.model.Target;
import io.wimigrate.scanner.model.ClusterInventory;
import io.wimigrate.scanner.model.Severity;
import java.util.Set;
import java.util.TreeSet;

/**
 * Phase 0: the cluster has an OIDC issuer and the workload-identity webhook, and the caller may make the changes. A
 * missing issuer or webhook becomes a manual action (it is an AKS cluster setting) and a finding.
 */
public final class PreflightRule implements PlanRule {

    public static final String RULE = "preflight";

    @Override
    public void apply(PlanDraft draft) {
        Set<String> clusters = new TreeSet<>();
        draft.workloads().forEach(w -> clusters.add(w.cluster()));
        for (String name : clusters) {
            ClusterInventory cluster = draft.cluster(name);
            Target target = Target.cluster(name);
            draft.add(new CheckPreflight(target, new CheckPreflight.Desired("oidc-issuer",
                    cluster.oidcIssuer() == null ? "enabled" : cluster.oidcIssuer()),
                    "federated credentials trust tokens signed by this issuer"));
            draft.add(new CheckPreflight(target, new CheckPreflight.Desired("webhook", "azure-workload-identity"
                    + " mutating webhook serving pods labelled azure.workload.identity/use=true"),
                    "only the webhook injects the token volume and AZURE_* environment into new pods"));
            draft.add(new CheckPreflight(target, new CheckPreflight.Desired("permissions", "create ServiceAccounts;"
                    + " patch and restart the workloads; delete aadpodidentity.k8s.io objects and the pod identity"
                    + " install"), "apply makes these changes with the caller's credentials"));
            if (cluster.oidcIssuer() == null || cluster.webhook() == null) {
                String missing = cluster.oidcIssuer() == null && cluster.webhook() == null ? "OIDC issuer and"
                        + " workload-identity webhook" : cluster.oidcIssuer() == null ? "OIDC issuer"
                        : "workload-identity webhook";
                String flags = (cluster.oidcIssuer() == null ? " --enable-oidc-issuer" : "")
                        + (cluster.webhook() == null ? " --enable-workload-identity" : "");
                draft.add(new ManualAction(0, target, new ManualAction.Desired("az aks update --resource-group <rg>"
                        + " --name <cluster>" + flags),
                        name + " has no " + missing + "; enabling it is an AKS cluster setting"));
                draft.finding(RULE, Severity.WARNING, name, name + " has no " + missing + ": phase 0 enables it"
                        + " (manual)" + (cluster.oidcIssuer() == null ? "; federated credentials use the issuer it"
                        + " gets, read again at apply" : ""));
            }
        }
        azurePermissions(draft);
    }

    private static void azurePermissions(PlanDraft draft) {
        Set<String> scopes = new TreeSet<>();
        boolean copiesRoles = false;
        for (Step step : draft.steps()) {
            if (step instanceof CreateIdentity || step instanceof ReuseIdentity) {
                scopes.add(step.target().scope());
            }
            copiesRoles |= step instanceof CopyRoleAssignment;
        }
        for (String scope : scopes) {
            draft.add(new CheckPreflight(new Target(scope, null, "ResourceGroup", null, scope.substring(
                    scope.lastIndexOf('/') + 1)), new CheckPreflight.Desired("permissions", "Managed Identity"
                    + " Contributor: create identities and federated credentials"
                    + (copiesRoles ? "; Role Based Access Control Administrator on the scopes of copied roles" : "")),
                    "phases 1 and 2 write here"));
        }
    }
}
