package io.wimigrate.bench.external;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wimigrate.bench.results.BenchResult;
import io.wimigrate.bench.results.BenchResult.Baseline;
import io.wimigrate.bench.results.BenchResult.Runs;
import io.wimigrate.bench.results.BenchResult.Target;
import io.wimigrate.bench.results.BenchResult.Verdict;
import io.wimigrate.bench.results.Fragments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what {@code bench/plan} measured with JMH (its JSON results: every single-shot time of the plan benchmark and
 * of its baseline) and printed (the plan fork's old-generation peak) into result rows.
 * Usage: {@code PlanFigures JMH_JSON PLAN_OUTPUT OUT_FILE}.
 */
public final class PlanFigures {

    private static final String PLAN = "io.wimigrate.bench.PlanBenchmark.plan";
    private static final String BASELINE = "io.wimigrate.bench.PlanBenchmark.inventoryToJson";
    private static final Pattern OLD_GEN = Pattern.compile(Pattern.quote(PLAN) + " old-generation peak \\(MiB\\): (\\d+)");
    private static final double TARGET_SECONDS = 2.0;
    private static final double HEAP_CAP_MIB = 512;

    private PlanFigures() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: PlanFigures JMH_JSON PLAN_OUTPUT OUT_FILE");
            System.exit(2);
        }
        Path json = Path.of(args[0]);
        String results = Files.exists(json) ? Files.readString(json) : "";
        Fragments.write(Path.of(args[2]), rows(results, Files.readString(Path.of(args[1]))));
    }

    static List<BenchResult> rows(String jmhJson, String output) throws IOException {
        JsonNode results = jmhJson.isBlank() ? new ObjectMapper().createArrayNode() : new ObjectMapper().readTree(jmhJson);
        Optional<JsonNode> plan = result(results, PLAN);
        Optional<JsonNode> baseline = result(results, BASELINE);
        if (plan.isEmpty() || baseline.isEmpty()) {
            return List.of(BenchResult.unmeasured("plan", Verdict.ERROR,
                    "bench/plan left no JMH results for both benchmarks: " + lastLine(output)));
        }
        Runs planRuns = runs(plan.get());
        Runs baseRuns = runs(baseline.get());
        String workloads = String.format("%,d", plan.get().path("params").path("workloads").asInt());
        List<BenchResult> rows = new ArrayList<>();
        rows.add(new BenchResult("plan, " + workloads + " workloads: plan + write plan.yaml", planRuns.median(), "s",
                new Baseline("inventory to JSON", baseRuns.median()), planRuns.median() / baseRuns.median(),
                Target.figure("<", TARGET_SECONDS), planRuns.median() < TARGET_SECONDS ? Verdict.PASS : Verdict.MISS,
                planRuns, "JMH single-shot times (bench/plan, heap capped at 512 MiB); target from issue 5: under 2 s"));
        Matcher oldGen = OLD_GEN.matcher(output);
        if (oldGen.find()) {
            double peak = Double.parseDouble(oldGen.group(1));
            rows.add(new BenchResult("plan: old-generation peak", peak, "MiB", new Baseline("heap cap -Xmx512m",
                    HEAP_CAP_MIB), peak / HEAP_CAP_MIB, Target.figure("<", HEAP_CAP_MIB),
                    peak < HEAP_CAP_MIB ? Verdict.PASS : Verdict.MISS, new Runs(1, peak, peak, peak),
                    "from bench/plan's JMH fork"));
        }
        return rows;
    }

    private static Optional<JsonNode> result(JsonNode results, String benchmark) {
        for (JsonNode result : results) {
            if (benchmark.equals(result.path("benchmark").asText())) {
                return Optional.of(result);
            }
        }
        return Optional.empty();
    }

    /** Every measured iteration of every fork, in seconds. */
    private static Runs runs(JsonNode result) {
        List<Double> seconds = new ArrayList<>();
        result.path("primaryMetric").path("rawData").forEach(fork -> fork.forEach(value -> seconds.add(value.asDouble())));
        seconds.sort(null);
        return new Runs(seconds.size(), seconds.get(0), seconds.get(seconds.size() / 2),
                seconds.get(seconds.size() - 1));
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines.length == 0 ? "(nothing)" : lines[lines.length - 1];
    }
}
