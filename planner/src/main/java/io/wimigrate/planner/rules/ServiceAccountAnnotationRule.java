package io.wimigrate.planner.rules;

import io.wimigrate.planner.model.AnnotateServiceAccount;
import io.wimigrate.planner.model.Target;
import io.wimigrate.scanner.model.ObjectRef;
import io.wimigrate.scanner.model.Ownership;
import io.wimigrate.scanner.model.ServiceAccountInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Each ServiceAccount the migrated workloads run as gets {@code azure.workload.identity/client-id} (its workloads'
 * first identity) and {@code tenant-id} when known; the webhook injects them as AZURE_CLIENT_ID and AZURE_TENANT_ID.
 */
public final class ServiceAccountAnnotationRule implements PlanRule {

    @Override
    public void apply(PlanDraft draft) {
        Map<String, List<MigratingWorkload>> byAccount = new TreeMap<>();
        Map<String, ObjectRef> accounts = new TreeMap<>();
        for (MigratingWorkload workload : draft.workloads()) {
            ObjectRef account = draft.serviceAccount(workload);
            String key = workload.cluster() + ":" + account.display();
            byAccount.computeIfAbsent(key, k -> new ArrayList<>()).add(workload);
            accounts.put(key, account);
        }
        byAccount.forEach((key, workloads) -> {
            MigratingWorkload first = workloads.get(0);
            List<MappedIdentity> identities = draft.identitiesOf(first);
            if (identities.isEmpty()) {
                return;
            }
            MappedIdentity primary = identities.get(0);
            SortedMap<String, String> annotations = new TreeMap<>();
            annotations.put(AnnotateServiceAccount.CLIENT_ID, primary.clientId());
            if (primary.tenantId() != null) {
                annotations.put(AnnotateServiceAccount.TENANT_ID, primary.tenantId());
            }
            Ownership ownership = ownership(draft, first, accounts.get(key));
            String users = workloads.stream().map(MigratingWorkload::display).collect(Collectors.joining(", "));
            draft.add(new AnnotateServiceAccount(Target.kube(first.cluster(), accounts.get(key)),
                    new AnnotateServiceAccount.Desired(annotations), GitOpsOwnershipRule.gitops(ownership),
                    GitOpsOwnershipRule.reason("pods of " + users + " get " + primary.name()
                            + "'s client id injected as AZURE_CLIENT_ID", ownership)));
        });
    }

    /** An existing account's owner; a new account is created where its workload is defined. */
    private static Ownership ownership(PlanDraft draft, MigratingWorkload workload, ObjectRef account) {
        return draft.cluster(workload.cluster()).serviceAccounts().stream()
                .filter(a -> a.exists() && a.ref().namespace().equals(account.namespace())
                        && a.ref().name().equals(account.name()))
                .findFirst()
                .map(ServiceAccountInfo::ownership)
                .orElse(workload.workload().ownership());
    }
}
