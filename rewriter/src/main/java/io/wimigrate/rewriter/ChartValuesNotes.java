package io.wimigrate.rewriter;

import io.wimigrate.scanner.repo.YamlTree;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * After a chart's templates lose their pod-identity lines, the values that fed only those lines are dead: noted at
 * their place in values.yaml (grouped by top-level key), for the chart owner to remove; values files are not edited.
 */
final class ChartValuesNotes {

    private static final Pattern VALUES_PATH = Pattern.compile("\\.Values((?:\\.\\w+)+)");

    private ChartValuesNotes() {
    }

    /**
     * {@code chart} is the chart directory ("" at the root); {@code files} every text file of the repository,
     * {@code read} their text (null when unreadable).
     */
    static void add(String chart, List<String> files, Function<String, String> read, Map<String, List<TextEdit>> edits,
                    Set<String> deleted, List<RewriteNote> notes) {
        String prefix = chart.isEmpty() ? "" : chart + "/";
        List<String> templates = files.stream().filter(path -> path.startsWith(prefix + "templates/")).toList();
        if (templates.stream().noneMatch(path -> edits.containsKey(path) || deleted.contains(path))) {
            return;
        }
        Set<String> removed = new TreeSet<>();
        StringBuilder after = new StringBuilder();
        for (String path : templates) {
            String text = Optional.ofNullable(read.apply(path)).orElse("");
            if (deleted.contains(path)) {
                removed.addAll(paths(text));
            } else if (edits.containsKey(path)) {
                edits.get(path).forEach(edit -> removed.addAll(paths(text.substring(edit.start(), edit.end()))));
                after.append(new FileRewrite(path, text, edits.get(path)).rewritten());
            } else {
                after.append(text);
            }
        }
        Set<String> stillUsed = paths(after.toString());
        Map<String, Set<String>> unused = new TreeMap<>();
        for (String path : removed) {
            boolean used = stillUsed.stream().anyMatch(p -> p.equals(path) || p.startsWith(path + ".")
                    || path.startsWith(p + "."));
            if (!used) {
                unused.computeIfAbsent(path.split("\\.")[0], top -> new TreeSet<>()).add(path);
            }
        }
        String valuesPath = prefix + "values.yaml";
        String values = read.apply(valuesPath);
        if (unused.isEmpty() || values == null) {
            return;
        }
        YamlFile file;
        try {
            file = YamlFile.parse(valuesPath, values);
        } catch (YamlTree.Unparsable e) {
            return;
        }
        for (Map.Entry<String, Set<String>> group : unused.entrySet()) {
            Optional<NodeTuple> key = file.documents.stream().map(YamlFile.Document::root)
                    .flatMap(root -> YamlFile.entry(root, group.getKey()).stream()).findFirst();
            key.ifPresent(entry -> {
                Node at = entry.getKeyNode();
                notes.add(new RewriteNote(valuesPath, file.line(at), file.column(file.start(at)), "helm-unused-values",
                        "No template of the chart reads " + String.join(", ", group.getValue()) + " any more (they"
                        + " fed its pod-identity lines): remove them from the values files."));
            });
        }
    }

    private static Set<String> paths(String text) {
        Set<String> paths = new TreeSet<>();
        Matcher path = VALUES_PATH.matcher(text);
        while (path.find()) {
            paths.add(path.group(1).substring(1));
        }
        return paths;
    }
}
