package io.wimigrate.planner.rules;

import io.wimigrate.planner.AzureFacts;
import io.wimigrate.planner.model.CheckPreflight;
import io.wimigrate.planner.model.CreateFederatedCredential;
import io.wimigrate.planner.model.Step;
import io.wimigrate.planner.model.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Azure allows at most 20 federated credentials per identity. An identity that would need more makes the plan fail
 * with a split proposal (a plan that cannot be applied is never written); otherwise a preflight check re-counts at
 * apply time, since credentials may be added meanwhile (and are unknown offline).
 */
public final class FicLimitRule implements PlanRule {

    public static final int LIMIT = 20;

    @Override
    public void apply(PlanDraft draft) {
        Map<String, List<CreateFederatedCredential>> planned = new TreeMap<>();
        Map<String, Target> targets = new TreeMap<>();
        for (Step step : draft.steps()) {
            if (step instanceof CreateFederatedCredential credential) {
                planned.computeIfAbsent(credential.target().display(), k -> new ArrayList<>()).add(credential);
                targets.put(credential.target().display(), credential.target());
            }
        }
        planned.forEach((display, credentials) -> {
            Target identity = targets.get(display);
            Optional<List<AzureFacts.ExistingFederatedCredential>> known =
                    draft.request().azure().federatedCredentials(identity);
            List<CreateFederatedCredential> added = credentials.stream().filter(c -> known.orElse(List.of()).stream()
                    .noneMatch(e -> e.issuer().equals(c.desired().issuer())
                            && e.subject().equals(c.desired().subject()))).toList();
            Optional<Integer> existing = known.map(List::size);
            if (added.size() + existing.orElse(0) > LIMIT) {
                draft.problem(splitProposal(identity, added, existing.orElse(0)));
            } else {
                draft.add(new CheckPreflight(identity, new CheckPreflight.Desired("fic-quota", "room for "
                        + added.size() + " new federated credentials (limit " + LIMIT + ", existing "
                        + existing.map(String::valueOf).orElse("unknown until apply") + ")"),
                        "an identity holds at most " + LIMIT + " federated credentials"));
            }
        });
    }

    private static String splitProposal(Target identity, List<CreateFederatedCredential> credentials, int existing) {
        Map<String, List<String>> byNamespace = new TreeMap<>();
        for (CreateFederatedCredential credential : credentials) {
            String[] subject = credential.desired().subject().split(":");
            byNamespace.computeIfAbsent(subject[2], k -> new ArrayList<>()).add(subject[3]);
        }
        List<List<String>> groups = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int room = LIMIT - existing;
        int used = 0;
        for (Map.Entry<String, List<String>> namespace : byNamespace.entrySet()) {
            int size = namespace.getValue().size();
            if (used + size > room && !current.isEmpty()) {
                groups.add(current);
                current = new ArrayList<>();
                used = 0;
                room = LIMIT;
            }
            current.add(namespace.getKey() + " (" + size + ")");
            used += size;
        }
        groups.add(current);
        StringBuilder proposal = new StringBuilder(identity.display() + " would need " + (credentials.size() + existing)
                + " federated credentials (" + credentials.size() + " planned, " + existing
                + " existing); Azure allows " + LIMIT + ". Split it: keep namespaces "
                + String.join(", ", groups.get(0)) + " on " + identity.name());
        for (int i = 1; i < groups.size(); i++) {
            proposal.append("; create ").append(identity.name()).append("-").append(i + 1)
                    .append(" with the same role assignments for ").append(String.join(", ", groups.get(i)));
        }
        proposal.append(". Or let workloads of a namespace share one ServiceAccount. Then bind the moved workloads"
                + " to the new identity and run migrate plan again.");
        return proposal.toString();
    }

}
