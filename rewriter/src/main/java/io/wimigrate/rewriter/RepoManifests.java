package io.wimigrate.rewriter;

import io.wimigrate.scanner.repo.YamlTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The Kubernetes manifests of a repository, with the kustomizations that place them: plain YAML (multi-document),
 * kustomize bases, overlays and strategic-merge patches, and Helm chart templates where their YAML is literal. A
 * relevant file that does not parse is noted and never edited.
 */
final class RepoManifests {

    /** Text that makes a YAML file worth parsing without a plan. */
    private static final String[] TOKENS = {"aadpodidbinding", "AzureIdentity", "ServiceAccount", "serviceAccount",
        "AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PATH", "AZURE_AUTH_LOCATION"};

    final List<Manifest> manifests = new ArrayList<>();
    /** Kustomization files by path. */
    final Map<String, YamlFile> kustomizations = new LinkedHashMap<>();
    /** The Helm chart directories ("" for a chart at the root). */
    final List<String> charts = new ArrayList<>();
    private final Map<String, String> namespaces = new HashMap<>();
    private final Set<String> patches = new HashSet<>();

    /**
     * Reads every YAML file of the repository that may hold a manifest ({@code everyManifest}: any with a kind,
     * as a plan can name any workload) through {@code read} (null when the file cannot be read as text).
     */
    static RepoManifests load(Path root, List<String> files, Function<String, String> read, boolean everyManifest,
                              List<RewriteNote> notes) {
        RepoManifests repo = new RepoManifests();
        List<String> yaml = new ArrayList<>();
        for (String path : files) {
            String name = Path.of(path).getFileName().toString();
            if (name.equals("Chart.yaml")) {
                Path dir = Path.of(path).getParent();
                repo.charts.add(dir == null ? "" : dir.toString().replace('\\', '/'));
            }
            if (ManifestFiles.isKustomization(name)) {
                Optional.ofNullable(read.apply(path)).ifPresent(text -> repo.readKustomization(path, text, notes));
            } else if ((path.endsWith(".yaml") || path.endsWith(".yml")) && !isChartFile(root, path)) {
                yaml.add(path);
            }
        }
        for (String path : yaml) {
            String text = read.apply(path);
            boolean relevant = text != null && (repo.patches.contains(path)
                    || text.contains("kind") && (everyManifest || containsAny(text)));
            if (relevant) {
                repo.readManifests(root, path, text, notes);
            }
        }
        return repo;
    }

    private static boolean containsAny(String text) {
        for (String token : TOKENS) {
            if (text.contains(token)) {
                return true;
            }
        }
        return false;
    }

    /** Chart.yaml and values files: not manifests. */
    private static boolean isChartFile(Path root, String path) {
        Path file = root.resolve(path);
        String name = file.getFileName().toString();
        boolean inChart = Files.isRegularFile(file.resolveSibling("Chart.yaml"));
        return inChart && (name.equals("Chart.yaml") || name.matches("values[\\w.-]*\\.ya?ml"));
    }

    private void readKustomization(String path, String text, List<RewriteNote> notes) {
        YamlFile file;
        try {
            file = YamlFile.parse(path, text);
        } catch (YamlTree.Unparsable e) {
            notes.add(unparsable(path, e, text));
            return;
        }
        kustomizations.put(path, file);
        Path dir = Path.of(path).getParent();
        for (YamlFile.Document document : file.documents) {
            YamlFile.string(document.root(), "namespace").ifPresent(namespace -> namespaces.put(dirKey(dir), namespace));
            if (YamlFile.get(document.root(), "patchesStrategicMerge").orElse(null) instanceof SequenceNode list) {
                list.getValue().forEach(item -> Optional.ofNullable(YamlTree.scalar(item))
                        .ifPresent(patch -> patches.add(resolve(dir, patch))));
            }
            for (String list : new String[] {"patches", "patchesJson6902"}) {
                if (YamlFile.get(document.root(), list).orElse(null) instanceof SequenceNode entries) {
                    entries.getValue().forEach(entry -> YamlFile.string(entry, "path")
                            .ifPresent(patch -> patches.add(resolve(dir, patch))));
                    entries.getValue().forEach(entry -> YamlFile.get(entry, "patch")
                            .filter(patch -> YamlTree.scalar(patch) != null && YamlTree.scalar(patch).contains(RepoTargets.LABEL))
                            .ifPresent(patch -> notes.add(byHand(file, patch, "Inline kustomize patch"))));
                }
            }
        }
    }

    private void readManifests(Path root, String path, String text, List<RewriteNote> notes) {
        Optional<Path> chart = HelmTemplate.chartOf(root, path);
        HelmTemplate template = chart.map(dir -> HelmTemplate.of(text, values(root.resolve(dir)), chartName(root.resolve(dir))))
                .orElse(null);
        YamlFile file;
        try {
            file = YamlFile.parse(path, text, template == null ? text : template.masked);
        } catch (YamlTree.Unparsable e) {
            if (containsAny(text)) {
                notes.add(unparsable(path, e, text));
            }
            return;
        }
        Path dir = Path.of(path).getParent();
        String defaultNamespace = template == null ? namespaces.get(dirKey(dir)) : null;
        boolean patch = patches.contains(path);
        for (YamlFile.Document document : file.documents) {
            if (document.root() instanceof SequenceNode operations) {
                operations.getValue().stream().filter(op -> YamlFile.string(op, "path")
                        .filter(target -> target.endsWith("/" + RepoTargets.LABEL)).isPresent())
                        .forEach(op -> notes.add(byHand(file, op, "Kustomize JSON patch operation")));
                continue;
            }
            String kind = YamlFile.string(document.root(), "kind").orElse("");
            if (kind.endsWith("List") && YamlFile.get(document.root(), "items").orElse(null) instanceof SequenceNode items) {
                items.getValue().forEach(item -> add(file, document, item, items, patch, template, defaultNamespace));
            } else {
                add(file, document, document.root(), null, patch, template, defaultNamespace);
            }
        }
    }

    private void add(YamlFile file, YamlFile.Document document, Node object, SequenceNode list, boolean patch,
                     HelmTemplate template, String defaultNamespace) {
        String kind = YamlFile.string(object, "kind").orElse(null);
        if (!(object instanceof MappingNode root) || kind == null || YamlFile.get(root, "apiVersion").isEmpty()) {
            return;
        }
        Manifest probe = new Manifest(file, document, list, root, kind, null, null, patch, template);
        String name = probe.value(root, "metadata", "name").orElse(null);
        String namespace = probe.value(root, "metadata", "namespace").orElse(defaultNamespace);
        manifests.add(new Manifest(file, document, list, root, kind, name, namespace, patch, template));
    }

    private static RewriteNote byHand(YamlFile file, Node at, String what) {
        return new RewriteNote(file.relativePath, file.line(at), file.column(file.start(at)), "manifest-patch-by-hand",
                what + " sets " + RepoTargets.LABEL + "; it is not rewritten: remove it by hand (the label goes from the"
                + " base, and a patch adding it back would undo that).");
    }

    private static RewriteNote unparsable(String path, YamlTree.Unparsable e, String text) {
        boolean template = text.contains("{{");
        return new RewriteNote(path, e.line(), e.column(), "manifest-does-not-parse", template
                ? "Helm template is not YAML once its actions are set aside; left unchanged: make the pod-identity"
                + " changes in it by hand."
                : "YAML does not parse; left unchanged. Fix it and run again.");
    }

    /** A chart's values.yaml, for the {@code .Values} paths that name objects. */
    private static Map<String, Object> values(Path chart) {
        try {
            Object loaded = new Load(LoadSettings.builder().setMaxAliasesForCollections(50).build())
                    .loadFromString(Files.readString(chart.resolve("values.yaml")));
            @SuppressWarnings("unchecked")
            Map<String, Object> map = loaded instanceof Map<?, ?> ? (Map<String, Object>) loaded : Map.of();
            return map;
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    private static String chartName(Path chart) {
        try {
            Node root = YamlFile.parse("Chart.yaml", Files.readString(chart.resolve("Chart.yaml")))
                    .documents.get(0).root();
            return YamlFile.string(root, "name").orElse(null);
        } catch (IOException | YamlTree.Unparsable | RuntimeException e) {
            return null;
        }
    }

    /** Does the manifest of a patch have a full object in the repository that it patches? */
    boolean hasBase(Manifest patch) {
        return baseOf(patch).isPresent();
    }

    /** The full object a patch patches: of its kind and name, the one nearest to it in the directory tree. */
    Optional<Manifest> baseOf(Manifest patch) {
        return manifests.stream().filter(m -> !m.patch() && m.kind().equals(patch.kind()) && m.name() != null
                && m.name().equals(patch.name()))
                .max(Comparator.comparingInt(m -> commonPrefix(m.path(), patch.path())));
    }

    private static int commonPrefix(String left, String right) {
        int i = 0;
        while (i < left.length() && i < right.length() && left.charAt(i) == right.charAt(i)) {
            i++;
        }
        return i;
    }

    /** The kustomization {@code resources} entries naming a file, with the kustomization's edits. */
    List<ScalarNode> resourceEntries(YamlFile kustomization, String path) {
        Path dir = Path.of(kustomization.relativePath).getParent();
        List<ScalarNode> entries = new ArrayList<>();
        for (YamlFile.Document document : kustomization.documents) {
            if (YamlFile.get(document.root(), "resources").orElse(null) instanceof SequenceNode resources) {
                resources.getValue().stream().filter(ScalarNode.class::isInstance).map(ScalarNode.class::cast)
                        .filter(entry -> resolve(dir, entry.getValue()).equals(path)).forEach(entries::add);
            }
        }
        return entries;
    }

    private static String dirKey(Path dir) {
        return dir == null ? "" : dir.toString();
    }

    private static String resolve(Path dir, String relative) {
        Path resolved = (dir == null ? Path.of(relative) : dir.resolve(relative)).normalize();
        return resolved.toString().replace('\\', '/');
    }
}
