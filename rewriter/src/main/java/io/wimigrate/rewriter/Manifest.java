package io.wimigrate.rewriter;

import io.wimigrate.scanner.repo.YamlTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * One Kubernetes object in a repository file: a document, an item of a {@code List} document ({@code list}, else
 * null), or a kustomize patch of one. {@code name} and {@code namespace} are as rendered when known (a Helm
 * template's {@code .Values} path is looked up); a namespace left to kustomize comes from the kustomization next to
 * the file; null when unknown.
 */
record Manifest(YamlFile file, YamlFile.Document document, SequenceNode list, MappingNode root, String kind,
                String name, String namespace, boolean patch, HelmTemplate template) {

    static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
            "ReplicationController", "Job", "CronJob", "Pod");

    String path() {
        return file.relativePath;
    }

    int line() {
        return file.line(root);
    }

    boolean isWorkload() {
        return WORKLOAD_KINDS.contains(kind) && podTemplate().isPresent();
    }

    boolean isPodIdentityObject() {
        String lower = kind.toLowerCase(Locale.ROOT);
        return lower.equals("azureidentity") || lower.equals("azureidentitybinding");
    }

    /** Kind/namespace/name, as messages name it. */
    String display() {
        return kind + "/" + (namespace == null ? "" : namespace + "/") + (name == null ? "?" : name);
    }

    /** The pod template: the object itself for a Pod; never {@code spec.selector}. */
    Optional<MappingNode> podTemplate() {
        Optional<Node> template = kind.equals("Pod") ? Optional.of(root)
                : kind.equals("CronJob") ? YamlFile.path(root, "spec", "jobTemplate", "spec", "template")
                : YamlFile.path(root, "spec", "template");
        return template.filter(MappingNode.class::isInstance).map(MappingNode.class::cast);
    }

    Optional<MappingNode> podSpec() {
        return podTemplate().flatMap(t -> YamlFile.get(t, "spec")).filter(MappingNode.class::isInstance)
                .map(MappingNode.class::cast);
    }

    Optional<Node> podLabels() {
        return podTemplate().flatMap(t -> YamlFile.path(t, "metadata", "labels"));
    }

    /** The containers and init containers of the pod template. */
    List<MappingNode> containers() {
        List<MappingNode> containers = new ArrayList<>();
        podSpec().ifPresent(spec -> {
            for (String list : new String[] {"initContainers", "containers"}) {
                if (YamlFile.get(spec, list).orElse(null) instanceof SequenceNode sequence) {
                    sequence.getValue().stream().filter(MappingNode.class::isInstance).map(MappingNode.class::cast)
                            .forEach(containers::add);
                }
            }
        });
        return containers;
    }

    /** A scalar as rendered: literal, or looked up for a Helm template; empty when not known. */
    Optional<String> value(Node node) {
        if (node == null) {
            return Optional.empty();
        }
        return template == null ? Optional.ofNullable(YamlTree.scalar(node)) : template.value(file, node);
    }

    Optional<String> value(Node mapping, String... keys) {
        return YamlFile.path(mapping, keys).flatMap(this::value);
    }

    /** A scalar written with a template action in it (a masked collection is a scalar). */
    boolean templated(Node node) {
        return template != null && node instanceof ScalarNode && template.templated(file, node);
    }

    /** The ServiceAccount the pod template runs as; "default" when none is named; empty when not known. */
    Optional<String> serviceAccountName() {
        Optional<MappingNode> spec = podSpec();
        if (spec.isEmpty()) {
            return Optional.empty();
        }
        Optional<Node> named = YamlFile.get(spec.get(), "serviceAccountName").or(() -> YamlFile.get(spec.get(), "serviceAccount"));
        return named.isEmpty() ? Optional.of("default") : value(named.get());
    }

    boolean matches(String otherKind, String otherNamespace, String otherName) {
        return kind.equals(otherKind) && otherName.equals(name)
                && (namespace == null || otherNamespace == null || namespace.equals(otherNamespace));
    }
}
