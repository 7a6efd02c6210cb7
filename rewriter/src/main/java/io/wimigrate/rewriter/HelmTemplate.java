package io.wimigrate.rewriter;

import io.wimigrate.scanner.repo.YamlTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * A Helm chart template read as YAML: each Go template action is masked (a line holding only an action becomes
 * blank, an action inside a line becomes letters of the same length), so the literal YAML around the actions parses
 * with its real positions. A node that overlaps an action is templated: it is never edited, and its value is known
 * only when it is a plain {@code .Values} path or the chart's name.
 */
final class HelmTemplate {

    private static final Pattern ACTION = Pattern.compile("\\{\\{.*?}}", Pattern.DOTALL);
    private static final Pattern VALUES_PATH = Pattern.compile(
            "\\{\\{-?\\s*\\.Values((?:\\.\\w+)+)\\s*(?:\\|\\s*quote\\s*)?-?}}");
    private static final Pattern CHART_NAME = Pattern.compile(
            "\\{\\{-?\\s*(?:include\\s+\"[\\w.-]+\\.name\"\\s+\\.|\\.Chart\\.Name)\\s*-?}}");

    final String masked;
    private final List<int[]> actions;
    /** The actions alone on their lines: control flow and includes, which edits must not cut through. */
    private final List<int[]> lineActions;
    private final Map<String, Object> values;
    private final String chartName;

    private HelmTemplate(String masked, List<int[]> actions, List<int[]> lineActions, Map<String, Object> values,
                         String chartName) {
        this.masked = masked;
        this.actions = actions;
        this.lineActions = lineActions;
        this.values = values;
        this.chartName = chartName;
    }

    /** The chart directory when the file is under a chart's {@code templates/}. */
    static Optional<Path> chartOf(Path root, String relativePath) {
        Path file = Path.of(relativePath);
        for (Path dir = file.getParent(); dir != null; dir = dir.getParent()) {
            if (dir.getFileName().toString().equals("templates")) {
                Path chart = dir.getParent() == null ? Path.of("") : dir.getParent();
                if (Files.isRegularFile(root.resolve(chart).resolve("Chart.yaml"))) {
                    return Optional.of(chart);
                }
            }
        }
        return Optional.empty();
    }

    static HelmTemplate of(String text, Map<String, Object> values, String chartName) {
        StringBuilder masked = new StringBuilder(text);
        List<int[]> actions = new ArrayList<>();
        List<int[]> lineActions = new ArrayList<>();
        Matcher action = ACTION.matcher(text);
        while (action.find()) {
            actions.add(new int[] {action.start(), action.end()});
            int lineStart = text.lastIndexOf('\n', action.start() - 1) + 1;
            int lineEnd = text.indexOf('\n', action.end());
            String before = text.substring(lineStart, action.start());
            String after = text.substring(action.end(), lineEnd < 0 ? text.length() : lineEnd);
            boolean alone = before.isBlank() && after.isBlank();
            if (alone) {
                lineActions.add(new int[] {action.start(), action.end()});
            }
            char fill = alone ? ' ' : 'x';
            for (int i = action.start(); i < action.end(); i++) {
                if (text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    masked.setCharAt(i, fill);
                }
            }
        }
        return new HelmTemplate(masked.toString(), actions, lineActions, values, chartName);
    }

    boolean templated(YamlFile file, Node node) {
        int start = file.start(node);
        int end = Math.max(file.end(node), start + 1);
        return actions.stream().anyMatch(a -> a[0] < end && start < a[1]);
    }

    /** Is there an action alone on a line within {@code [from, to)}? */
    boolean lineActionWithin(int from, int to) {
        return lineActions.stream().anyMatch(a -> a[0] < to && from < a[1]);
    }

    /** Is the line starting at {@code lineStart} an action alone, indented deeper than {@code column}? */
    boolean nestedLineAction(YamlFile file, int lineStart, int column) {
        return lineStart < file.text.length() && lineActions.stream().anyMatch(a -> file.lineStart(a[0]) == lineStart)
                && file.indent(lineStart) > column;
    }

    /** The value a scalar renders to, when each action in it is a plain {@code .Values} path or the chart's name. */
    Optional<String> value(YamlFile file, Node node) {
        if (!templated(file, node)) {
            return Optional.ofNullable(YamlTree.scalar(node));
        }
        String written = file.text.substring(file.start(node), file.end(node)).strip();
        if (written.length() > 1 && (written.startsWith("\"") || written.startsWith("'"))) {
            written = written.substring(1, written.length() - 1);
        }
        StringBuilder rendered = new StringBuilder();
        Matcher action = ACTION.matcher(written);
        int at = 0;
        while (action.find()) {
            Optional<String> value = render(action.group());
            if (value.isEmpty()) {
                return Optional.empty();
            }
            rendered.append(written, at, action.start()).append(value.get());
            at = action.end();
        }
        return Optional.of(rendered.append(written.substring(at)).toString());
    }

    private Optional<String> render(String action) {
        if (CHART_NAME.matcher(action).matches()) {
            return Optional.ofNullable(chartName);
        }
        Matcher path = VALUES_PATH.matcher(action);
        if (!path.matches()) {
            return Optional.empty();
        }
        Object at = values;
        for (String key : path.group(1).substring(1).split("\\.")) {
            at = at instanceof Map<?, ?> map ? map.get(key) : null;
        }
        return at instanceof Map<?, ?> || at instanceof List<?> || at == null ? Optional.empty()
                : Optional.of(at.toString());
    }

    /**
     * A template-only line right above {@code from} opening a block ({@code if}, {@code with}) and one right after
     * {@code to} closing it: removing the lines between would leave the block empty, so it goes too.
     */
    int[] widenOverEmptyBlock(YamlFile file, int from, int to) {
        if (from == 0 || to >= file.text.length()) {
            return new int[] {from, to};
        }
        int above = file.lineStart(from - 1);
        String opening = file.text.substring(above, from).strip();
        String closing = file.text.substring(to, file.lineEnd(to)).strip();
        if (opening.matches("\\{\\{-?\\s*(if|with)\\b.*}}") && closing.matches("\\{\\{-?\\s*end\\s*-?}}")) {
            return new int[] {above, file.lineEnd(to)};
        }
        return new int[] {from, to};
    }
}
