package io.wimigrate.planner.rules;

import io.wimigrate.planner.model.CreateServiceAccount;
import io.wimigrate.planner.model.SetServiceAccountName;
import io.wimigrate.planner.model.Target;
import io.wimigrate.scanner.model.ClusterInventory;
import io.wimigrate.scanner.model.ObjectRef;
import io.wimigrate.scanner.model.ServiceAccountInfo;
import io.wimigrate.scanner.model.Severity;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Workload identity binds per ServiceAccount, pod identity per pod label. A workload gets its own ServiceAccount when
 * it runs as {@code default} (federating it would trust every pod of the namespace) or shares its ServiceAccount with
 * workloads bound to other identities (one ServiceAccount has one client id, and a federated credential trusts every
 * pod that runs as it). All workloads of such a group move, so none is favoured and the old account stays untouched.
 */
public final class DedicatedServiceAccountRule implements PlanRule {

    public static final String RULE = "dedicated-service-account";
    static final String DEFAULT = "default";

    @Override
    public void apply(PlanDraft draft) {
        Map<String, List<MigratingWorkload>> byAccount = new TreeMap<>();
        for (MigratingWorkload workload : draft.workloads()) {
            byAccount.computeIfAbsent(workload.cluster() + ":" + workload.namespace() + "/"
                    + workload.workload().serviceAccount(), k -> new java.util.ArrayList<>()).add(workload);
        }
        Set<String> taken = new HashSet<>();
        for (ClusterInventory cluster : draft.inventory().clusters()) {
            for (ServiceAccountInfo account : cluster.serviceAccounts()) {
                taken.add(cluster.name() + ":" + account.ref().namespace() + "/" + account.ref().name());
            }
        }
        for (List<MigratingWorkload> group : byAccount.values()) {
            String account = group.get(0).workload().serviceAccount();
            Set<Set<String>> identitySets = group.stream().map(DedicatedServiceAccountRule::identities)
                    .collect(Collectors.toSet());
            if (DEFAULT.equals(account)) {
                group.forEach(w -> dedicate(draft, w, taken, "it runs as the namespace's default ServiceAccount;"
                        + " federating default would let every pod of " + w.namespace() + " use its identity"));
            } else if (identitySets.size() > 1) {
                String members = group.stream().map(MigratingWorkload::display).collect(Collectors.joining(", "));
                group.forEach(w -> dedicate(draft, w, taken, "ServiceAccount " + account + " is shared by " + members
                        + ", which are bound to different identities; a ServiceAccount carries one client id and a"
                        + " federated credential trusts every pod that runs as it"));
            }
        }
    }

    private static Set<String> identities(MigratingWorkload workload) {
        return workload.sources().stream().map(CredentialSource::key).collect(Collectors.toCollection(TreeSet::new));
    }

    private static void dedicate(PlanDraft draft, MigratingWorkload workload, Set<String> taken, String why) {
        String name = workload.name();
        String prefix = workload.cluster() + ":" + workload.namespace() + "/";
        while (taken.contains(prefix + name)) {
            name = name + "-wi";
        }
        taken.add(prefix + name);
        ObjectRef account = ObjectRef.of("v1", "ServiceAccount", workload.namespace(), name);
        boolean gitops = GitOpsOwnershipRule.gitops(workload.workload().ownership());
        String reason = GitOpsOwnershipRule.reason("dedicated ServiceAccount for " + workload.display() + ": " + why,
                workload.workload().ownership());
        draft.add(new CreateServiceAccount(Target.kube(workload.cluster(), account),
                new CreateServiceAccount.Desired(new TreeMap<>(Map.of("wimigrate.io/workload", workload.name()))),
                gitops, reason));
        draft.add(new SetServiceAccountName(workload.target(), new SetServiceAccountName.Desired(
                PodTemplatePaths.spec(workload.workload().ref().kind()), name), workload.workload().serviceAccount(),
                gitops, reason));
        draft.assignServiceAccount(workload, account);
        draft.finding(RULE, Severity.WARNING, workload.key(), workload.display() + " moves from ServiceAccount "
                + workload.workload().serviceAccount() + " to a new ServiceAccount " + name + ": " + why);
    }
}
