package io.wimigrate.scanner.repo;

import io.wimigrate.scanner.model.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Kubernetes manifests (multi-document files, {@code List}s, kustomize bases, overlays and patches) that still use
 * AAD Pod Identity or hand service-principal credentials to containers: the {@code aadpodidbinding} label, the
 * pod-identity objects, {@code AZURE_CLIENT_SECRET}-style env vars or the secret volumes they point into, and Secrets
 * committed with a client secret in them (the cluster rule {@code sp-secret}, here at a file position).
 * YAML without {@code kind} (and not a kustomization) is not a manifest and is skipped silently.
 */
final class ManifestDetector implements Detector {

    static final String LABEL = "aadpodidbinding";
    private static final Set<String> POD_IDENTITY_KINDS =
            Set.of("azureidentity", "azureidentitybinding", "azurepodidentityexception");
    private static final Set<String> SP_ENV =
            Set.of("AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PATH", "AZURE_AUTH_LOCATION");
    private static final Set<String> PATH_ENV = Set.of("AZURE_CLIENT_CERTIFICATE_PATH", "AZURE_AUTH_LOCATION");
    /** Secret keys that hold a service principal's secret, compared lower-case without '-' and '_'. */
    private static final Set<String> SP_SECRET_KEYS =
            Set.of("azureclientsecret", "clientsecret", "azureclientcertificatepassword");
    private static final Set<String> LABEL_MAPS = Set.of("labels", "matchLabels", "commonLabels", "pairs");
    private static final Set<String> KUSTOMIZATION_FILES =
            Set.of("kustomization.yaml", "kustomization.yml", "Kustomization");

    @Override
    public boolean accepts(RepoFile file) {
        if (!(file.nameEndsWith(".yaml", ".yml") || file.name().equals("Kustomization"))) {
            return false;
        }
        String lower = file.text().toLowerCase(Locale.ROOT);
        boolean relevant = lower.contains(LABEL) || lower.contains("azureidentity")
                || lower.contains("azurepodidentityexception") || file.containsAny(SP_ENV.toArray(String[]::new))
                || lower.contains("clientsecret") || lower.contains("client_secret") || lower.contains("client-secret");
        return relevant && !HelmLayout.isTemplate(file) && !HelmLayout.isValues(file);
    }

    @Override
    public void detect(RepoFile file, ScanReport report) {
        List<Node> documents;
        try {
            documents = YamlTree.documents(file.text());
        } catch (YamlTree.Unparsable e) {
            report.warning(file.relativePath(), e.line(), e.column(),
                    "YAML does not parse; not checked for pod identity or service-principal secrets.");
            return;
        }
        boolean kustomization = KUSTOMIZATION_FILES.contains(file.name());
        for (Node document : documents) {
            if (document instanceof SequenceNode operations) {
                jsonPatch(operations, file, report);
            } else if (kustomization) {
                new Walk(file, report, "Kustomization", true).node(document, "", 0);
            } else {
                manifest(document, "", file, report);
            }
        }
    }

    private static void manifest(Node document, String prefix, RepoFile file, ScanReport report) {
        String kind = YamlTree.get(document, "kind").map(YamlTree::scalar).orElse(null);
        if (kind == null || YamlTree.get(document, "apiVersion").isEmpty()) {
            return;
        }
        if (kind.endsWith("List") && YamlTree.get(document, "items").orElse(null) instanceof SequenceNode items) {
            for (int i = 0; i < items.getValue().size(); i++) {
                manifest(items.getValue().get(i), prefix + "items[" + i + "].", file, report);
            }
            return;
        }
        if (POD_IDENTITY_KINDS.contains(kind.toLowerCase(Locale.ROOT))) {
            podIdentityObject(document, kind, file, report);
        }
        if (kind.equals("Secret")) {
            secret(document, file, report);
        }
        new Walk(file, report, kind, false).node(document, prefix, 0);
    }

    /** A JSON 6902 patch file (a list of operations) that kustomize applies: flag operations on the label. */
    private static void jsonPatch(SequenceNode operations, RepoFile file, ScanReport report) {
        for (Node operation : operations.getValue()) {
            Optional<Node> path = YamlTree.get(operation, "path");
            String target = path.map(YamlTree::scalar).orElse("");
            if (YamlTree.get(operation, "op").isPresent() && target.endsWith("/" + LABEL)) {
                report.finding(Rule.MANIFEST_POD_IDENTITY_LABEL, file, YamlTree.line(operation),
                        YamlTree.column(operation), "Kustomize JSON patch sets the " + LABEL + " label",
                        Map.of("kind", "JsonPatch", "path", target.replace('/', '.').substring(1)));
            }
        }
    }

    /** A Secret committed with a service principal's secret in it: the key is reported, never the value. */
    private static void secret(Node document, RepoFile file, ScanReport report) {
        for (String field : new String[] {"data", "stringData"}) {
            YamlTree.get(document, field).ifPresent(data -> YamlTree.entries(data).forEach(entry -> {
                String key = YamlTree.scalar(entry.getKeyNode());
                if (key != null && SP_SECRET_KEYS.contains(key.toLowerCase(Locale.ROOT).replaceAll("[-_]", ""))) {
                    report.finding(Rule.SP_SECRET, file, YamlTree.line(entry.getKeyNode()),
                            YamlTree.column(entry.getKeyNode()), "Secret manifest holds " + key,
                            Map.of("kind", "Secret", "key", field + "." + key));
                }
            }));
        }
    }

    private static void podIdentityObject(Node document, String kind, RepoFile file, ScanReport report) {
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("kind", kind);
        Optional<Node> spec = YamlTree.getIgnoreCase(document, "spec");
        Set<String> fields = new TreeSet<>();
        spec.ifPresent(s -> YamlTree.entries(s).forEach(entry -> {
            String field = YamlTree.scalar(entry.getKeyNode());
            if (field != null) {
                fields.add(field);
            }
        }));
        if (!fields.isEmpty()) {
            evidence.put("fields", String.join(",", fields));
        }
        // The identity type is 0, 1 or 2: a number, no secret, and what the planner needs.
        spec.flatMap(s -> YamlTree.getIgnoreCase(s, "type")).map(YamlTree::scalar)
                .filter(type -> type.matches("[012]")).ifPresent(type -> evidence.put("identityType", type));
        report.finding(Rule.MANIFEST_POD_IDENTITY_OBJECT, file, YamlTree.line(document), YamlTree.column(document),
                "Manifest declares " + kind, evidence);
    }

    /** Walks one object looking for the label and for pod specs. */
    private record Walk(RepoFile file, ScanReport report, String kind, boolean kustomization) {

        void node(Node node, String path, int depth) {
            if (depth > YamlTree.MAX_DEPTH) {
                return;
            }
            if (node instanceof SequenceNode sequence) {
                for (int i = 0; i < sequence.getValue().size(); i++) {
                    node(sequence.getValue().get(i), path + "[" + i + "]", depth + 1);
                }
                return;
            }
            if (kustomization && node instanceof ScalarNode scalar && scalar.getValue().contains(LABEL)) {
                inlinePatch(scalar, path);
                return;
            }
            if (!(node instanceof MappingNode)) {
                return;
            }
            if (YamlTree.get(node, "containers").isPresent()) {
                podSpec(node, path);
            }
            String parent = path.substring(path.lastIndexOf('.') + 1).replaceAll("\\[\\d+]$", "");
            for (NodeTuple entry : YamlTree.entries(node)) {
                String key = YamlTree.scalar(entry.getKeyNode());
                if (key == null) {
                    continue;
                }
                String child = path.isEmpty() ? key : path + "." + key;
                if (key.equals(LABEL) && (kustomization || LABEL_MAPS.contains(parent))) {
                    label(entry.getKeyNode(), child);
                } else {
                    node(entry.getValueNode(), child, depth + 1);
                }
            }
        }

        private void label(Node at, String path) {
            report.finding(Rule.MANIFEST_POD_IDENTITY_LABEL, file, YamlTree.line(at), YamlTree.column(at),
                    kind + " sets the " + LABEL + " label", Map.of("kind", kind, "path", path));
        }

        /** A kustomize patch written inline as a string: point at the line inside it. */
        private void inlinePatch(ScalarNode scalar, String path) {
            String[] lines = scalar.getValue().split("\n", -1);
            boolean block = scalar.getScalarStyle() == ScalarStyle.LITERAL
                    || scalar.getScalarStyle() == ScalarStyle.FOLDED;
            for (int i = 0; i < lines.length; i++) {
                int column = lines[i].indexOf(LABEL);
                if (column >= 0) {
                    int line = YamlTree.line(scalar) + (block ? 1 : 0) + i;
                    report.finding(Rule.MANIFEST_POD_IDENTITY_LABEL, file, line, 0,
                            "Inline kustomize patch sets the " + LABEL + " label",
                            Map.of("kind", kind, "path", path, "patch", "inline"));
                }
            }
        }

        private void podSpec(Node spec, String path) {
            List<String> credentialPaths = new ArrayList<>();
            List<Node> containers = new ArrayList<>();
            for (String list : new String[] {"initContainers", "containers"}) {
                if (YamlTree.get(spec, list).orElse(null) instanceof SequenceNode sequence) {
                    containers.addAll(sequence.getValue());
                }
            }
            for (Node container : containers) {
                if (YamlTree.get(container, "env").orElse(null) instanceof SequenceNode env) {
                    env.getValue().forEach(variable -> env(variable, path, credentialPaths));
                }
            }
            if (credentialPaths.isEmpty()) {
                return;
            }
            for (Node container : containers) {
                if (YamlTree.get(container, "volumeMounts").orElse(null) instanceof SequenceNode mounts) {
                    for (Node mount : mounts.getValue()) {
                        String mountPath = YamlTree.get(mount, "mountPath").map(YamlTree::scalar).orElse(null);
                        String volume = YamlTree.get(mount, "name").map(YamlTree::scalar).orElse(null);
                        if (mountPath != null && volume != null && credentialPaths.stream()
                                .anyMatch(p -> p.startsWith(mountPath.endsWith("/") ? mountPath : mountPath + "/"))) {
                            secretVolume(spec, volume, path);
                        }
                    }
                }
            }
        }

        private void env(Node variable, String path, List<String> credentialPaths) {
            String name = YamlTree.get(variable, "name").map(YamlTree::scalar).orElse(null);
            if (name == null || !SP_ENV.contains(name)) {
                return;
            }
            Map<String, String> evidence = new LinkedHashMap<>();
            evidence.put("kind", kind);
            evidence.put("env", name);
            Optional<String> literal = YamlTree.get(variable, "value").map(YamlTree::scalar);
            Optional<Node> valueFrom = YamlTree.get(variable, "valueFrom");
            if (literal.isPresent()) {
                evidence.put("source", "value");
                evidence.put("valueLength", Integer.toString(literal.get().length()));
                if (PATH_ENV.contains(name)) {
                    credentialPaths.add(literal.get());
                }
            } else if (valueFrom.isPresent()) {
                YamlTree.entries(valueFrom.get()).stream().map(entry -> YamlTree.scalar(entry.getKeyNode()))
                        .filter(key -> key != null).findFirst().ifPresent(source -> evidence.put("source", source));
            }
            report.finding(Rule.MANIFEST_SP_SECRET_REFERENCE, file, YamlTree.line(variable), YamlTree.column(variable),
                    kind + " passes " + name + " to a container", evidence);
        }

        private void secretVolume(Node spec, String volumeName, String path) {
            if (!(YamlTree.get(spec, "volumes").orElse(null) instanceof SequenceNode volumes)) {
                return;
            }
            for (Node volume : volumes.getValue()) {
                boolean named = volumeName.equals(YamlTree.get(volume, "name").map(YamlTree::scalar).orElse(null));
                boolean secret = YamlTree.get(volume, "secret").isPresent()
                        || YamlTree.path(volume, "projected", "sources").orElse(null) instanceof SequenceNode sources
                        && sources.getValue().stream().anyMatch(source -> YamlTree.get(source, "secret").isPresent());
                if (named && secret) {
                    report.finding(Rule.MANIFEST_SP_SECRET_REFERENCE, file, YamlTree.line(volume),
                            YamlTree.column(volume), kind + " mounts service-principal credentials from a Secret",
                            Map.of("kind", kind, "volume", "secret", "path", path.isEmpty() ? "volumes" : path + ".volumes"));
                }
            }
        }
    }
}
