package io.wimigrate.scanner.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.scanner.BadInputException;
import io.wimigrate.scanner.Progress;
import io.wimigrate.scanner.model.ClusterInventory;
import io.wimigrate.scanner.model.ScanOutcome;
import java.nio.file.Path;
import java.util.Set;

/** What {@code migrate scan} calls for clusters: a dump directory or a live kube context. */
public final class ClusterScanner {

    private final ClusterAnalyzer analyzer = new ClusterAnalyzer();

    /**
     * A live API server only hands out objects that passed its validation; a dump's files may hold anything that
     * parses (a workload without a pod template, a malformed quantity, ...), which the analysis refuses as bad input.
     *
     * @throws BadInputException when a file of the dump cannot be used
     */
    public ScanOutcome<ClusterInventory> scanDump(Path dir, String displayName, boolean readSecrets,
                                                  Progress progress) {
        ClusterSnapshot snapshot = new DumpLoader(readSecrets).load(dir, displayName, progress);
        try {
            return analyzer.analyze(snapshot);
        } catch (BadInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BadInputException(culprit(dir, displayName, readSecrets) + ": an object is not a valid"
                    + " Kubernetes object (" + e.getClass().getSimpleName() + " while analysing it); check the files"
                    + " were written by kubectl get -o yaml|json", e);
        }
    }

    /** The first file of the dump that fails analysis on its own, or the dump itself when none does alone. */
    private String culprit(Path dir, String displayName, boolean readSecrets) {
        for (Path file : DumpLoader.manifestFiles(dir)) {
            try {
                analyzer.analyze(new DumpLoader(readSecrets).load(file, displayName, Progress.NONE));
            } catch (RuntimeException e) {
                return "dump " + displayName + ": " + dir.relativize(file);
            }
        }
        return "dump " + displayName;
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
