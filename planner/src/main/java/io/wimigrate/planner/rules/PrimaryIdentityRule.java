package io.wimigrate.planner.rules;

import io.wimigrate.scanner.model.Severity;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A pod with several identities: the ServiceAccount's client-id annotation names one of them (the webhook injects it as
 * AZURE_CLIENT_ID); every one gets a federated credential for the ServiceAccount; code that uses another one must pass
 * that identity's client id explicitly. The choice is deterministic: pod identities before Secrets, user-assigned
 * identities before service principals, then by name.
 */
public final class PrimaryIdentityRule implements PlanRule {

    public static final String RULE = "multiple-identities";

    private static final Comparator<CredentialSource> PRIMARY_FIRST = Comparator
            .comparing((CredentialSource s) -> !s.podIdentity())
            .thenComparing(CredentialSource::servicePrincipal)
            .thenComparing(CredentialSource::key);

    @Override
    public void apply(PlanDraft draft) {
        for (MigratingWorkload workload : draft.workloads()) {
            List<CredentialSource> ordered = workload.sources().stream().sorted(PRIMARY_FIRST).toList();
            draft.orderSources(workload, ordered);
            List<MappedIdentity> identities = draft.identitiesOf(workload);
            if (identities.size() < 2) {
                continue;
            }
            MappedIdentity primary = identities.get(0);
            String others = identities.subList(1, identities.size()).stream()
                    .map(i -> i.name() + " (client id " + clientId(i) + ")").collect(Collectors.joining(", "));
            draft.finding(RULE, Severity.WARNING, workload.key(), workload.display() + " holds "
                    + identities.size() + " identities. Its ServiceAccount " + draft.serviceAccount(workload).name()
                    + " carries " + primary.name() + " (client id " + clientId(primary) + "), which the webhook"
                    + " injects as AZURE_CLIENT_ID; each identity gets a federated credential for it. Code that uses "
                    + others + " must pass that client id explicitly (for example ManagedIdentityCredentialBuilder"
                    + "().clientId(...) or WorkloadIdentityCredentialBuilder().clientId(...)), or it gets "
                    + primary.name() + "'s token");
        }
    }

    private static String clientId(MappedIdentity identity) {
        return identity.clientId().startsWith("$(") ? "known after apply" : identity.clientId();
    }
}
