package io.wimigrate.bench.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.wimigrate.bench.results.BenchResult.Target;
import io.wimigrate.bench.results.BenchResult.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shape of bench/results.json (never its timings): the committed file and what the report writes. */
class ResultsShapeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema SCHEMA = schema();

    @Test
    void theCommittedResultsMatchTheSchemaAndTheTable() throws IOException {
        JsonNode results = JSON.readTree(Path.of("results.json").toFile());

        assertThat(SCHEMA.validate(results)).isEmpty();
        String table = Files.readString(Path.of("results.md"));
        for (JsonNode row : results.path("results")) {
            assertThat(table).contains(row.path("name").asText().replace("|", "\\|"));
            ObjectNode measured = row.deepCopy();
            measured.remove("before");
            consistent(JSON.treeToValue(measured, BenchResult.class));
        }
    }

    @Test
    void aReportWithEveryKindOfRowMatchesTheSchema() throws IOException {
        List<BenchResult> rows = List.of(
                BenchResult.measured("scan vs kubectl", List.of(2.0, 3.0, 2.5), "s", "kubectl",
                        List.of(2.0, 2.0, 2.2), Target.ratio("<=", 1.5), "whole process"),
                BenchResult.measured("object GETs", List.of(0.0), "requests", "none expected", List.of(0.0),
                        Target.figure("==", 0), null),
                BenchResult.measured("azwi", List.of(4.0), "s", "azwi", List.of(8.0), null, "found 3"),
                BenchResult.unmeasured("apply", Verdict.NOT_BUILT, "not built yet"));

        JsonNode written = JSON.readTree(ResultsReport.json("quick", Instant.parse("2026-11-23T15:00:00Z"), rows, Map.of()));

        assertThat(SCHEMA.validate(written)).isEmpty();
        assertThat(written.path("results").get(0).path("verdict").asText()).isEqualTo("PASS");
        assertThat(written.path("results").get(0).path("ratio").asDouble()).isEqualTo(1.25);
        assertThat(written.path("results").get(1).path("ratio").isNull()).isTrue();
        assertThat(written.path("results").get(2).path("verdict").asText()).isEqualTo("INFO");
        assertThat(ResultsReport.markdown("quick", rows, Map.of())).contains(
                "| scan vs kubectl | 2.50 s | kubectl: 2 s | 1.25x | ratio <= 1.50 | **PASS** | 2 / 2.50 / 3 (3) |",
                "| apply |", "NOT_BUILT");
    }

    @Test
    void aRowWithoutItsRunsOrWithANumberForAMissingBenchmarkIsRejected() throws IOException {
        ObjectNode document = (ObjectNode) JSON.readTree(ResultsReport.json("full", Instant.now(), List.of(
                BenchResult.measured("scan", List.of(1.0), "s", "kubectl", List.of(1.0), Target.ratio("<=", 1.5),
                        null)), Map.of()));
        ((ObjectNode) document.path("results").get(0)).remove("runs");
        assertThat(SCHEMA.validate(document)).isNotEmpty();

        ObjectNode notBuilt = (ObjectNode) JSON.readTree(ResultsReport.json("full", Instant.now(), List.of(
                BenchResult.unmeasured("apply", Verdict.NOT_BUILT, "not built yet")), Map.of()));
        ((ObjectNode) notBuilt.path("results").get(0)).put("figure", 1.0);
        assertThat(SCHEMA.validate(notBuilt)).isNotEmpty();
    }

    @Test
    void eachRowCarriesItsFiguresFromTheResultsItReplacesMatchedByName(@TempDir Path dir) throws IOException {
        Path previous = dir.resolve("results.json");
        Files.writeString(previous, ResultsReport.json("full", Instant.parse("2026-12-01T10:00:00Z"), List.of(
                BenchResult.measured("apply vs bound", List.of(9.5), "s", "bound", List.of(1.95),
                        Target.ratio("<=", 1.3), null),
                BenchResult.unmeasured("gone", Verdict.SKIPPED, "not any more")), Map.of()));
        List<BenchResult> rows = List.of(
                BenchResult.measured("apply vs bound", List.of(3.9), "s", "bound", List.of(1.95),
                        Target.ratio("<=", 1.3), null),
                BenchResult.measured("new row", List.of(1.0), "s", "kubectl", List.of(1.0), null, null));

        Map<String, Before> before = Before.of(previous);
        JsonNode written = JSON.readTree(ResultsReport.json("quick", Instant.now(), rows, before));

        assertThat(SCHEMA.validate(written)).isEmpty();
        JsonNode apply = written.path("results").get(0).path("before");
        assertThat(apply.path("figure").asDouble()).isEqualTo(9.5);
        assertThat(apply.path("verdict").asText()).isEqualTo("MISS");
        assertThat(apply.path("generated").asText()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(written.path("results").get(1).path("before").isNull()).as("no row of that name before").isTrue();
        assertThat(ResultsReport.markdown("quick", rows, before)).contains("full run of 2026-12-01T10:00:00Z",
                "| 3.90 s | bound: 1.95 s | 2x | ratio <= 1.30 | **MISS** | 3.90 / 3.90 / 3.90 (1) | 9.50 s, 4.87x MISS |");
        assertThat(Before.of(dir.resolve("absent.json"))).isEmpty();
    }

    /** Figures sit between min and max, and a PASS or MISS is what the target says of the figures. */
    private static void consistent(BenchResult row) {
        if (row.runs() != null) {
            assertThat(row.runs().min()).as(row.name()).isLessThanOrEqualTo(row.runs().median());
            assertThat(row.runs().median()).as(row.name()).isLessThanOrEqualTo(row.runs().max());
        }
        if (row.verdict() == Verdict.PASS || row.verdict() == Verdict.MISS) {
            assertThat(row.target().verdict(row.figure(), row.ratio())).as(row.name()).isEqualTo(row.verdict());
        }
    }

    private static JsonSchema schema() {
        try (var in = Files.newInputStream(Path.of("results.schema.json"))) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
