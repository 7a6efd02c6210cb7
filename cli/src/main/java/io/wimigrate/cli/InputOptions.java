package io.wimigrate.cli;

import io.wimigrate.scanner.BadInputException;
import io.wimigrate.scanner.ScanRequest;
import io.wimigrate.scanner.cluster.KubeconfigClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** What to read: live contexts, dump directories, repositories. Shared by the commands that scan. */
final class InputOptions {

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Kubeconfig to use (default: KUBECONFIG, then ~/.kube/config).")
    private Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "Kube context to scan (default: current).")
    private String context;

    @Option(names = "--all-contexts", description = "Scan every context of the kubeconfig.")
    private boolean allContexts;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "Namespace to scan; repeatable (default: all). Cluster-scoped objects are always read.")
    private List<String> namespaces = new ArrayList<>();

    @Option(names = "--from-dump", paramLabel = "DIR",
            description = "Scan offline: a folder of 'kubectl get ... -o yaml|json' output; repeatable.")
    private List<Path> dumps = new ArrayList<>();

    @Option(names = "--repo", paramLabel = "DIR", description = "Repository to scan; repeatable.")
    private List<Path> repos = new ArrayList<>();

    @Option(names = "--list-secrets",
            description = "Also list Secrets to recognise credential key names (names and lengths only, never values)."
                    + " Off by default: references are enough to find SP secrets.")
    private boolean listSecrets;

    /** True when any input option was given. */
    boolean given() {
        return kubeconfig != null || context != null || allContexts || !namespaces.isEmpty() || !dumps.isEmpty()
                || !repos.isEmpty() || listSecrets;
    }

    /** The scan request; with no --from-dump and no --repo, the current kube context. */
    ScanRequest request(Path workingDirectory, CommandSpec spec) {
        if (allContexts && context != null) {
            throw new ParameterException(spec.commandLine(), "--context and --all-contexts cannot be used together");
        }
        List<ScanRequest.Input> dumpInputs = dumps.stream().map(dir -> directory(workingDirectory, dir, "--from-dump"))
                .toList();
        List<ScanRequest.Input> repoInputs = repos.stream().map(dir -> directory(workingDirectory, dir, "--repo"))
                .toList();
        boolean live = kubeconfig != null || context != null || allContexts || (dumps.isEmpty() && repos.isEmpty());
        List<ScanRequest.LiveCluster> clusters = new ArrayList<>();
        if (live) {
            Path config = kubeconfig == null ? null : workingDirectory.resolve(kubeconfig);
            if (allContexts) {
                KubeconfigClients.of(config).contexts()
                        .forEach(name -> clusters.add(new ScanRequest.LiveCluster(config, name)));
            } else {
                clusters.add(new ScanRequest.LiveCluster(config, context));
            }
        }
        Set<String> namespaceSet = new LinkedHashSet<>(namespaces);
        return new ScanRequest(clusters, dumpInputs, repoInputs, namespaceSet, listSecrets);
    }

    static ScanRequest.Input directory(Path workingDirectory, Path given, String option) {
        Path resolved = workingDirectory.resolve(given).normalize();
        if (!Files.isDirectory(resolved)) {
            throw new BadInputException(option + " " + given + ": not a directory");
        }
        String display = given.normalize().toString().replace('\\', '/');
        return new ScanRequest.Input(resolved, display.isEmpty() ? "." : display);
    }
}
