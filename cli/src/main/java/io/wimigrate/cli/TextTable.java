package io.wimigrate.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Left-aligned columns sized to their widest cell, as kubectl prints them. */
final class TextTable {

    private final List<String[]> rows = new ArrayList<>();

    TextTable(String... headers) {
        rows.add(headers);
    }

    TextTable row(Object... cells) {
        rows.add(Arrays.stream(cells).map(cell -> cell == null ? "-" : cell.toString()).toArray(String[]::new));
        return this;
    }

    boolean isEmpty() {
        return rows.size() == 1;
    }

    String render(String indent) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        rows.forEach(row -> {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        StringBuilder text = new StringBuilder();
        rows.forEach(row -> {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < columns; i++) {
                line.append(i < columns - 1 ? String.format("%-" + (widths[i] + 2) + "s", row[i]) : row[i]);
            }
            text.append(line.toString().stripTrailing()).append('\n');
        });
        return text.toString();
    }
}
