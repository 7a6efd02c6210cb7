package io.wimigrate.scanner;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What {@code migrate scan} reads. Each path carries the text the user typed ({@code display}), which is what the
 * inventory records, so output does not depend on the machine's absolute paths.
 */
public record ScanRequest(List<LiveCluster> clusters, List<Input> dumps, List<Input> repos, Set<String> namespaces,
                          boolean listSecrets) {

    /** A file or directory given on the command line. */
    public record Input(Path path, String display) {
    }

    /** A kube context to scan live; {@code kubeconfig} null means KUBECONFIG or ~/.kube/config, context null the current one. */
    public record LiveCluster(Path kubeconfig, String context) {
    }
}
