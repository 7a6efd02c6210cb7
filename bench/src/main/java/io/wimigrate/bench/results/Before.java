package io.wimigrate.bench.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A row's figures in the results a run replaces (the {@code bench/results.json} committed before it), so the table
 * shows before and after side by side: rows are matched by name, and names carry their sizes.
 */
public record Before(String generated, String mode, Double figure, String unit, Double ratio,
                     BenchResult.Verdict verdict) {

    /** The rows of an earlier results file by name; none when there is no such file. */
    public static Map<String, Before> of(Path previous) {
        Map<String, Before> rows = new LinkedHashMap<>();
        if (!Files.isRegularFile(previous)) {
            return rows;
        }
        try {
            JsonNode document = Fragments.JSON.readTree(previous.toFile());
            for (JsonNode row : document.path("results")) {
                rows.putIfAbsent(row.path("name").asText(), new Before(document.path("generated").asText(),
                        document.path("mode").asText(), number(row.path("figure")), row.path("unit").isNull()
                        ? null : row.path("unit").asText(), number(row.path("ratio")),
                        BenchResult.Verdict.valueOf(row.path("verdict").asText())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the earlier results " + previous, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the earlier results " + previous + " have a row of unknown verdict: "
                    + e.getMessage(), e);
        }
        return rows;
    }

    /** As a table cell: figure, ratio and verdict, e.g. {@code 3.74 s, 1.92x MISS}. */
    String cell() {
        return (figure == null ? "-" : Numbers.withUnit(figure, unit)) + (ratio == null ? ""
                : ", " + Numbers.format(ratio) + "x") + " " + verdict;
    }

    private static Double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : null;
    }
}
