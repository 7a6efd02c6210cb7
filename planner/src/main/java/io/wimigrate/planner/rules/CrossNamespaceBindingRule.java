package io.wimigrate.planner.rules;

import io.wimigrate.scanner.model.BoundIdentity;
import io.wimigrate.scanner.model.Severity;

/**
 * In MIC's default mode a binding matches pods of any namespace; workload identity has no such thing. The federated
 * credential names the workload's own namespace and ServiceAccount, so the identity then trusts exactly that, and the
 * cross-namespace reach of the binding ends with cleanup. Namespaced bindings (identity, binding and pod in one
 * namespace) map one to one.
 */
public final class CrossNamespaceBindingRule implements PlanRule {

    public static final String RULE = "cross-namespace-binding";

    @Override
    public void apply(PlanDraft draft) {
        for (MigratingWorkload workload : draft.workloads()) {
            for (BoundIdentity bound : workload.workload().identities()) {
                if (bound.binding() != null && !bound.binding().namespace().equals(workload.namespace())) {
                    draft.finding(RULE, Severity.WARNING, workload.key() + ":" + bound.binding().display(),
                            "binding " + bound.binding().namespace() + "/" + bound.binding().name() + " selects "
                                    + workload.display() + " from another namespace (MIC default mode). Its"
                                    + " federated credential names " + workload.namespace() + "/"
                                    + draft.serviceAccount(workload).name() + ", so the identity trusts that"
                                    + " ServiceAccount only; the team owning " + bound.binding().namespace()
                                    + " should agree to it");
                }
            }
        }
    }
}
