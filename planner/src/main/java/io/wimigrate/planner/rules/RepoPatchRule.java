package io.wimigrate.planner.rules;

import io.wimigrate.planner.Overrides;
import io.wimigrate.planner.model.ApplyRepoPatch;
import io.wimigrate.planner.model.ManualAction;
import io.wimigrate.planner.model.Target;
import io.wimigrate.scanner.model.Finding;
import io.wimigrate.scanner.model.Location;
import io.wimigrate.scanner.model.RepoInventory;
import io.wimigrate.scanner.model.SecretUse;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Phase 5: each scanned repository with findings gets the patch {@code migrate rewrite} produces for it. A workload
 * that reads a service principal's Secret needs code that no longer does before cleanup removes the Secret; unless the
 * overrides file says which scanned repository builds it (or that it is ready), that is a manual confirmation.
 */
public final class RepoPatchRule implements PlanRule {

    @Override
    public void apply(PlanDraft draft) {
        Set<String> patched = new TreeSet<>();
        for (RepoInventory repo : draft.inventory().repos()) {
            List<String> findings = draft.inventory().findings().stream()
                    .filter(f -> f.location() instanceof Location.InFile file && file.root().equals(repo.root()))
                    .map(Finding::id).sorted().distinct().toList();
            if (!findings.isEmpty()) {
                patched.add(repo.root());
                draft.add(new ApplyRepoPatch(Target.repository(repo.root()), new ApplyRepoPatch.Desired(
                        "migrate rewrite --repo " + repo.root() + " --plan plan.yaml", findings), findings.size() + " findings in "
                        + repo.root() + " (credential code, library versions, manifests); the owning team merges and"
                        + " deploys the patch"));
            }
        }
        for (MigratingWorkload workload : draft.workloads()) {
            List<SecretUse> uses = workload.workload().secretUses();
            Overrides.WorkloadChoice choice = draft.request().overrides().workload(workload.cluster(),
                    workload.namespace(), workload.name());
            if (choice != null && Overrides.WorkloadChoice.REWRITTEN.equals(choice.code())
                    && !patched.contains(choice.repo())) {
                draft.problem(workload.key() + ": the overrides say its code is rewritten from " + choice.repo()
                        + ", but this plan has no patch for that repository (not scanned, or nothing to change)");
            }
            if (uses.isEmpty() || choice != null) {
                continue;
            }
            String reads = uses.stream().map(u -> u.name() + " (" + u.secret().name() + ")").distinct()
                    .collect(Collectors.joining(", "));
            draft.add(new ManualAction(5, workload.target(), new ManualAction.Desired("deploy code of "
                    + workload.display() + " that authenticates with DefaultAzureCredential (workload identity) and"
                    + " no longer reads " + reads + "; drop any AZURE_CLIENT_ID or AZURE_TENANT_ID of the service"
                    + " principal its pod spec sets, so the values the webhook injects apply; then confirm it here"),
                    "cleanup removes these Secret references; code still reading them would fail"));
        }
    }
}
