package io.wimigrate.executor;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.planner.AzureFacts;
import io.wimigrate.planner.Overrides;
import io.wimigrate.planner.PlanRequest;
import io.wimigrate.planner.check.PlanFreshness;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.PlanHeader;
import io.wimigrate.scanner.ClusterAccessException;
import io.wimigrate.scanner.Progress;
import io.wimigrate.scanner.ScanRequest;
import io.wimigrate.scanner.cluster.ClusterScanner;
import io.wimigrate.scanner.model.ClusterInventory;
import io.wimigrate.scanner.model.Diagnostic;
import io.wimigrate.scanner.model.Finding;
import io.wimigrate.scanner.model.Inventory;
import io.wimigrate.scanner.model.RepoInventory;
import io.wimigrate.scanner.model.ScanOutcome;
import io.wimigrate.scanner.model.Severity;
import io.wimigrate.scanner.repo.RepoScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The freshness check {@code migrate plan --check} makes, against the live cluster: scan it again (named as the plan
 * names it, limited to the namespaces the plan was made from) and the repositories, read Azure again, and compare
 * with {@link PlanFreshness}. The plan's own settings are reused; what was inferred is inferred again.
 */
public final class LivePlanCheck implements PlanCheck {

    private final KubernetesClient client;
    private final Set<String> namespaces;
    private final List<ScanRequest.Input> repos;
    private final AzureFacts azure;
    private final Overrides overrides;
    private final Progress progress;

    public LivePlanCheck(KubernetesClient client, Set<String> namespaces, List<ScanRequest.Input> repos,
                         AzureFacts azure, Overrides overrides, Progress progress) {
        this.client = client;
        this.namespaces = Set.copyOf(namespaces);
        this.repos = List.copyOf(repos);
        this.azure = azure;
        this.overrides = overrides;
        this.progress = progress;
    }

    @Override
    public List<String> drift(Plan plan) {
        String name = plan.header().clusters().get(0).name();
        azure.prepare();
        ScanOutcome<ClusterInventory> cluster = new ClusterScanner().scanLive(client, name, namespaces, false,
                progress);
        List<Finding> findings = new ArrayList<>(cluster.findings());
        List<Diagnostic> diagnostics = new ArrayList<>(cluster.diagnostics());
        List<RepoInventory> repoInventories = new ArrayList<>();
        for (ScanRequest.Input repo : repos) {
            ScanOutcome<RepoInventory> outcome = new RepoScanner().scan(repo.path(), repo.display(), progress);
            repoInventories.add(outcome.value());
            findings.addAll(outcome.findings());
            diagnostics.addAll(outcome.diagnostics());
        }
        List<Diagnostic> errors = diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).toList();
        if (!errors.isEmpty()) {
            throw new ClusterAccessException("cannot check the plan is up to date: the scan is incomplete: "
                    + errors.get(0).subject() + ": " + errors.get(0).message());
        }
        Inventory inventory = Inventory.of(List.of(cluster.value()), repoInventories, findings, diagnostics);
        PlanHeader header = plan.header();
        PlanHeader.AzureHeader made = header.azure();
        return PlanFreshness.drift(plan, new PlanRequest(inventory, azure, overrides,
                header.spStrategy().defaultStrategy(), byOption(made.tenant()), byOption(made.subscription()),
                byOption(made.resourceGroup()), byOption(made.location()), made.cloud()));
    }

    private static String byOption(PlanHeader.Setting setting) {
        return "option".equals(setting.source()) ? setting.value() : null;
    }
}
