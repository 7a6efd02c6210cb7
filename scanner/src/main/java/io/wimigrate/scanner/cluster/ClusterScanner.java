package io.wimigrate.scanner.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.scanner.Progress;
import io.wimigrate.scanner.model.ClusterInventory;
import io.wimigrate.scanner.model.ScanOutcome;
import java.nio.file.Path;
import java.util.Set;

/** What {@code migrate scan} calls for clusters: a dump directory or a live kube context. */
public final class ClusterScanner {

    private final ClusterAnalyzer analyzer = new ClusterAnalyzer();

    /** @throws io.wimigrate.scanner.BadInputException when a file of the dump cannot be used */
    public ScanOutcome<ClusterInventory> scanDump(Path dir, String displayName, boolean readSecrets,
                                                  Progress progress) {
        return analyzer.analyze(new DumpLoader(readSecrets).load(dir, displayName, progress));
    }

    /**
     * {@code namespaces} limits namespaced kinds (empty: all).
     *
     * @throws io.wimigrate.scanner.ClusterAccessException when the API server cannot be reached
     */
    public ScanOutcome<ClusterInventory> scanLive(KubernetesClient client, String contextName,
                                                  Set<String> namespaces, boolean readSecrets, Progress progress) {
        return analyzer.analyze(new LiveClusterReader(client, contextName, namespaces, readSecrets, progress).read());
    }
}
