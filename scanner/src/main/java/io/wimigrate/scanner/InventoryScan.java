package io.wimigrate.scanner;

import io.wimigrate.scanner.cluster.ClusterScanner;
import io.wimigrate.scanner.cluster.KubeconfigClients;
import io.wimigrate.scanner.model.ClusterInventory;
import io.wimigrate.scanner.model.Diagnostic;
import io.wimigrate.scanner.model.Finding;
import io.wimigrate.scanner.model.Inventory;
import io.wimigrate.scanner.model.RepoInventory;
import io.wimigrate.scanner.model.ScanOutcome;
import io.wimigrate.scanner.repo.RepoScanner;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;

/** The scan use case: every requested source into one inventory. */
public final class InventoryScan {

    private final List<ClusterInventory> clusters = new ArrayList<>();
    private final List<RepoInventory> repos = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    private InventoryScan() {
    }

    public static Inventory run(ScanRequest request, Progress progress) {
        InventoryScan scan = new InventoryScan();
        ClusterScanner clusterScanner = new ClusterScanner();
        for (ScanRequest.Input dump : request.dumps()) {
            scan.addCluster(clusterScanner.scanDump(dump.path(), dump.display(), request.listSecrets(), progress));
        }
        for (ScanRequest.LiveCluster live : request.clusters()) {
            KubeconfigClients kubeconfig = KubeconfigClients.of(live.kubeconfig());
            String context = live.context() != null ? live.context() : kubeconfig.currentContext();
            try (KubernetesClient client = kubeconfig.client(context)) {
                scan.addCluster(clusterScanner.scanLive(client, context, request.namespaces(),
                        request.listSecrets(), progress));
            }
        }
        for (ScanRequest.Input repo : request.repos()) {
            ScanOutcome<RepoInventory> outcome = new RepoScanner().scan(repo.path(), repo.display(), progress);
            scan.repos.add(outcome.value());
            scan.collect(outcome);
        }
        return Inventory.of(scan.clusters, scan.repos, scan.findings, scan.diagnostics);
    }

    private void addCluster(ScanOutcome<ClusterInventory> outcome) {
        clusters.add(outcome.value());
        collect(outcome);
    }

    private void collect(ScanOutcome<?> outcome) {
        findings.addAll(outcome.findings());
        diagnostics.addAll(outcome.diagnostics());
    }
}
