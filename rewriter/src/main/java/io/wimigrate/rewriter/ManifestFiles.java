package io.wimigrate.rewriter;

import io.wimigrate.scanner.repo.RepoWalker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The files the manifest rewrite looks at, read in one walk: YAML files, kustomizations and chart templates (helpers
 * included). Which of them are worth parsing is decided on their text by {@link RepoManifests}.
 */
final class ManifestFiles {

    private static final Set<String> KUSTOMIZATION_FILES = Set.of("kustomization.yaml", "kustomization.yml",
            "Kustomization");

    /** In walk order. */
    final List<String> paths = new ArrayList<>();
    private final Map<String, String> texts = new HashMap<>();

    private ManifestFiles() {
    }

    static ManifestFiles read(RepoWalker walker, Path root) {
        ManifestFiles files = new ManifestFiles();
        walker.readTextFiles(root, ManifestFiles::wanted, (path, bytes) -> {
            files.paths.add(path);
            files.texts.put(path, RepoRewriter.utf8OrNull(bytes));
        });
        return files;
    }

    static boolean isKustomization(String name) {
        return KUSTOMIZATION_FILES.contains(name);
    }

    /** The text of a file walked, null when it is not valid UTF-8 or was not walked. */
    String text(String path) {
        return texts.get(path);
    }

    private static boolean wanted(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return path.endsWith(".yaml") || path.endsWith(".yml") || isKustomization(name)
                || path.startsWith("templates/") || path.contains("/templates/");
    }
}
