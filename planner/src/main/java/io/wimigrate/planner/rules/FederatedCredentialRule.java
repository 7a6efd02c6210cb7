package io.wimigrate.planner.rules;

import io.wimigrate.planner.AzureFacts;
import io.wimigrate.planner.model.CreateFederatedCredential;
import io.wimigrate.planner.model.StepIds;
import io.wimigrate.planner.model.Target;
import io.wimigrate.scanner.model.ClusterInventory;
import io.wimigrate.scanner.model.Severity;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One federated credential per (identity, issuer, namespace, ServiceAccount). A multi-namespace identity thus gets one
 * per namespace, an identity used on several clusters one per issuer. Issuer and subject are unique per identity, so a
 * credential that already exists (when Azure was read) is not created again. Names are deterministic and valid:
 * {@code ^[a-zA-Z0-9][a-zA-Z0-9-_]{2,119}$}.
 */
public final class FederatedCredentialRule implements PlanRule {

    public static final String RULE = "federated-credential";
    static final Pattern VALID_NAME = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9-_]{2,119}$");
    private static final int MAX_NAME = 120;

    @Override
    public void apply(PlanDraft draft) {
        Map<Credential, Set<String>> users = new TreeMap<>();
        for (MigratingWorkload workload : draft.workloads()) {
            String issuer = issuer(draft.cluster(workload.cluster()));
            String subject = "system:serviceaccount:" + workload.namespace() + ":"
                    + draft.serviceAccount(workload).name();
            for (MappedIdentity identity : draft.identitiesOf(workload)) {
                users.computeIfAbsent(new Credential(identity.target(), workload.cluster(), issuer, subject),
                        k -> new TreeSet<>()).add(workload.display());
            }
        }
        Map<Target, Set<String>> namesInUse = new java.util.HashMap<>();
        users.forEach((credential, workloads) -> {
            Optional<List<AzureFacts.ExistingFederatedCredential>> existing =
                    draft.request().azure().federatedCredentials(credential.identity());
            Set<String> names = namesInUse.computeIfAbsent(credential.identity(), k -> new HashSet<>(
                    existing.orElse(List.of()).stream().map(AzureFacts.ExistingFederatedCredential::name).toList()));
            Optional<AzureFacts.ExistingFederatedCredential> same = existing.orElse(List.of()).stream()
                    .filter(e -> e.issuer().equals(credential.issuer()) && e.subject().equals(credential.subject()))
                    .findFirst();
            if (same.isPresent()) {
                // Kept as a step: verification and the safety invariant depend on it, and apply confirms it.
                draft.add(new CreateFederatedCredential(credential.identity(), new CreateFederatedCredential.Desired(
                        same.get().name(), credential.issuer(), credential.subject(),
                        CreateFederatedCredential.AUDIENCE), "already exists (read from Azure): kept as it is"));
                draft.finding(RULE, Severity.NOTE, credential.identity().name() + ":" + credential.subject(),
                        credential.identity().name() + " already trusts " + credential.subject() + " from "
                                + credential.issuer() + ": kept, not created again");
                return;
            }
            String name = uniqueName(name(credential.cluster(), credential.subject()), names);
            names.add(name);
            draft.add(new CreateFederatedCredential(credential.identity(), new CreateFederatedCredential.Desired(
                    name, credential.issuer(), credential.subject(), CreateFederatedCredential.AUDIENCE),
                    "pods running as " + credential.subject().substring("system:serviceaccount:".length())
                            + " on " + credential.cluster() + " (" + String.join(", ", workloads)
                            + ") exchange their ServiceAccount token for " + credential.identity().name() + "'s"));
        });
    }

    /** The cluster's issuer, or a reference resolved at apply once the issuer is enabled. */
    static String issuer(ClusterInventory cluster) {
        return cluster.oidcIssuer() != null ? cluster.oidcIssuer() : "$(Cluster/" + cluster.name() + ".oidcIssuer)";
    }

    /** {@code <cluster>-<namespace>-<serviceaccount>}, cleaned, and shortened with a hash suffix beyond 120. */
    static String name(String cluster, String subject) {
        String[] parts = subject.split(":");
        String raw = cluster + "-" + parts[2] + "-" + parts[3];
        String cleaned = raw.replaceAll("[^a-zA-Z0-9_-]", "-");
        if (!Character.isLetterOrDigit(cleaned.charAt(0))) {
            cleaned = "f" + cleaned;
        }
        if (cleaned.length() > MAX_NAME) {
            cleaned = cleaned.substring(0, MAX_NAME - 9) + "-" + StepIds.sha256(raw).substring(0, 8);
        }
        return cleaned;
    }

    private static String uniqueName(String name, Set<String> taken) {
        String candidate = name;
        for (int i = 2; taken.contains(candidate); i++) {
            String suffix = "-" + i;
            candidate = (name.length() + suffix.length() > MAX_NAME ? name.substring(0, MAX_NAME - suffix.length())
                    : name) + suffix;
        }
        return candidate;
    }

    private record Credential(Target identity, String cluster, String issuer, String subject)
            implements Comparable<Credential> {
        @Override
        public int compareTo(Credential other) {
            return (identity.display() + "\n" + issuer + "\n" + subject + "\n" + cluster).compareTo(
                    other.identity.display() + "\n" + other.issuer + "\n" + other.subject + "\n" + other.cluster);
        }
    }
}
