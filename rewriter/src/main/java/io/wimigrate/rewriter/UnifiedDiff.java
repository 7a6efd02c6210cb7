package io.wimigrate.rewriter;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes the edits of a file as a git-style unified diff with three lines of context. The changed lines come
 * straight from the edit positions (no line-matching heuristics), so the patch says exactly what the edits do; line
 * endings are written as they are, so a CRLF file gets a patch with CRLF lines.
 */
public final class UnifiedDiff {

    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    /** The diff of one file; empty when the rewrite changes nothing. */
    public static String of(FileRewrite rewrite) {
        if (!rewrite.changes()) {
            return "";
        }
        Lines lines = new Lines(rewrite.original());
        List<Change> changes = changes(rewrite, lines);
        StringBuilder out = new StringBuilder();
        String path = rewrite.relativePath();
        out.append("diff --git a/").append(path).append(" b/").append(path).append('\n');
        if (rewrite.deleted()) {
            out.append("deleted file mode 100644\n");
        }
        out.append("--- a/").append(path).append('\n')
                .append(rewrite.deleted() ? "+++ /dev/null" : "+++ b/" + path).append('\n');
        int delta = 0;
        int i = 0;
        while (i < changes.size()) {
            int j = i;
            while (j + 1 < changes.size() && changes.get(j + 1).oldFrom() - changes.get(j).oldTo() <= 2 * CONTEXT) {
                j++;
            }
            int from = Math.max(0, changes.get(i).oldFrom() - CONTEXT);
            int to = Math.min(lines.count(), changes.get(j).oldTo() + CONTEXT);
            StringBuilder body = new StringBuilder();
            int newCount = 0;
            int at = from;
            for (int k = i; k <= j; k++) {
                Change change = changes.get(k);
                for (; at < change.oldFrom(); at++, newCount++) {
                    line(body, ' ', lines.line(at));
                }
                for (; at < change.oldTo(); at++) {
                    line(body, '-', lines.line(at));
                }
                for (String added : change.newLines()) {
                    line(body, '+', added);
                    newCount++;
                }
            }
            for (; at < to; at++, newCount++) {
                line(body, ' ', lines.line(at));
            }
            int oldCount = to - from;
            out.append("@@ -").append(range(from, oldCount)).append(" +").append(range(from + delta, newCount))
                    .append(" @@\n").append(body);
            delta += newCount - oldCount;
            i = j + 1;
        }
        return out.toString();
    }

    private static String range(int from, int count) {
        return (count == 0 ? from : from + 1) + "," + count;
    }

    private static void line(StringBuilder out, char prefix, String line) {
        out.append(prefix).append(line);
        if (!line.endsWith("\n")) {
            out.append("\n\\ No newline at end of file\n");
        }
    }

    /** Old lines {@code [oldFrom, oldTo)} become {@code newLines}. */
    private record Change(int oldFrom, int oldTo, List<String> newLines) {
    }

    /** The line ranges the edits touch (merged when they touch), each trimmed to the lines that really differ. */
    private static List<Change> changes(FileRewrite rewrite, Lines lines) {
        List<int[]> regions = new ArrayList<>();
        for (TextEdit edit : rewrite.edits()) {
            int first = lines.lineOf(edit.start());
            int last = edit.end() > edit.start() ? lines.lineOf(edit.end() - 1) + 1 : Math.min(first + 1, lines.count());
            if (!regions.isEmpty() && first <= regions.get(regions.size() - 1)[1]) {
                int[] previous = regions.get(regions.size() - 1);
                previous[1] = Math.max(previous[1], last);
            } else {
                regions.add(new int[] {first, last});
            }
        }
        List<Change> changes = new ArrayList<>();
        for (int[] region : regions) {
            List<String> newLines = Lines.split(rewrite.apply(lines.start(region[0]), lines.start(region[1])));
            int from = region[0];
            int to = region[1];
            while (from < to && !newLines.isEmpty() && newLines.get(0).equals(lines.line(from))) {
                newLines.remove(0);
                from++;
            }
            while (from < to && !newLines.isEmpty() && newLines.get(newLines.size() - 1).equals(lines.line(to - 1))) {
                newLines.remove(newLines.size() - 1);
                to--;
            }
            if (from < to || !newLines.isEmpty()) {
                changes.add(new Change(from, to, newLines));
            }
        }
        return changes;
    }

    /** The lines of a text, each with its terminator ('\n', so a CRLF line keeps its '\r'). */
    private static final class Lines {
        private final String text;
        private final int[] starts;

        Lines(String text) {
            this.text = text;
            List<Integer> found = new ArrayList<>();
            found.add(0);
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    found.add(i + 1);
                }
            }
            if (found.get(found.size() - 1) != text.length()) {
                found.add(text.length());
            }
            starts = found.stream().mapToInt(Integer::intValue).toArray();
        }

        int count() {
            return starts.length - 1;
        }

        int start(int line) {
            return starts[line];
        }

        String line(int index) {
            return text.substring(starts[index], starts[index + 1]);
        }

        /** The line holding {@code offset}; the end of a text ending in '\n' is the (empty) line after the last. */
        int lineOf(int offset) {
            int low = 0;
            int high = starts.length - 1;
            while (low < high) {
                int mid = (low + high + 1) >>> 1;
                if (starts[mid] <= offset) {
                    low = mid;
                } else {
                    high = mid - 1;
                }
            }
            boolean afterLastBreak = offset == text.length() && (text.isEmpty() || text.endsWith("\n"));
            return Math.min(low, afterLastBreak ? count() : count() - 1);
        }

        static List<String> split(String text) {
            List<String> out = new ArrayList<>();
            int at = 0;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    out.add(text.substring(at, i + 1));
                    at = i + 1;
                }
            }
            if (at < text.length()) {
                out.add(text.substring(at));
            }
            return out;
        }
    }
}
