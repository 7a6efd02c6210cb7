package io.wimigrate.rewriter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The files the manifest rewrite looks at, kept from the rewrite's walk: YAML files, kustomizations and chart
 * templates (helpers included). Which of them are worth parsing is decided on their text by {@link RepoManifests}.
 */
final class ManifestFiles {

    private static final Set<String> KUSTOMIZATION_FILES = Set.of("kustomization.yaml", "kustomization.yml",
            "Kustomization");

    /** In walk order. */
    final List<String> paths = new ArrayList<>();
    private final Map<String, String> texts = new HashMap<>();

    /** Keeps a file the walk read when the manifest rewrite looks at it. */
    void offer(String path, byte[] bytes) {
        if (wanted(path)) {
            paths.add(path);
            texts.put(path, RepoRewriter.utf8OrNull(bytes));
        }
    }

    static boolean isKustomization(String name) {
        return KUSTOMIZATION_FILES.contains(name);
    }

    /** The text of a file walked, null when it is not valid UTF-8 or was not walked. */
    String text(String path) {
        return texts.get(path);
    }

    static boolean wanted(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return path.endsWith(".yaml") || path.endsWith(".yml") || isKustomization(name)
                || path.startsWith("templates/") || path.contains("/templates/");
    }
}
