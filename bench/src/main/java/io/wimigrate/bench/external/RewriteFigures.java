package io.wimigrate.bench.external;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wimigrate.bench.results.BenchResult;
import io.wimigrate.bench.results.BenchResult.Verdict;
import io.wimigrate.bench.results.Fragments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The hook for {@code bench/rewrite}: its last stdout line is JSON. Rows already in this runner's shape (an object or
 * array of objects with name, figure, baseline, ratio, target, verdict, runs) are taken as they are; any other output
 * is an ERROR row that quotes it whole (a row without figures cannot be an INFO row of the results schema). Usage: {@code RewriteFigures REWRITE_OUTPUT OUT_FILE}.
 */
public final class RewriteFigures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RewriteFigures() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: RewriteFigures REWRITE_OUTPUT OUT_FILE");
            System.exit(2);
        }
        Fragments.write(Path.of(args[1]), rows(Files.readAllLines(Path.of(args[0]))));
    }

    static List<BenchResult> rows(List<String> lines) {
        String last = lines.stream().map(String::strip).filter(l -> !l.isEmpty()).reduce((a, b) -> b).orElse("");
        JsonNode json;
        try {
            json = JSON.readTree(last);
        } catch (IOException notJson) {
            return List.of(BenchResult.unmeasured("rewrite", Verdict.ERROR,
                    "bench/rewrite's last line is not JSON: " + last));
        }
        JsonNode items = json.isArray() ? json : JSON.createArrayNode().add(json);
        try {
            List<BenchResult> rows = JSON.convertValue(items, new TypeReference<List<BenchResult>>() { });
            if (rows.stream().allMatch(r -> r.name() != null && r.verdict() != null)) {
                return rows;
            }
        } catch (IllegalArgumentException otherShape) {
            // quoted whole below
        }
        return List.of(BenchResult.unmeasured("rewrite", Verdict.ERROR, "bench/rewrite printed JSON not in"
                + " bench/run's row shape: " + last));
    }
}
