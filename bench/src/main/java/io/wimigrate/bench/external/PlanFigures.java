package io.wimigrate.bench.external;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what {@code bench/plan} printed (its min/median/max lines for the baseline and for planning) into result rows.
 * Usage: {@code PlanFigures PLAN_OUTPUT RUNS OUT_FILE}.
 */
public final class PlanFigures {

    private static final String SPREAD = ":\\s*min ([\\d.]+) s\\s+median ([\\d.]+) s\\s+max ([\\d.]+) s";
    private static final Pattern HEADER = Pattern.compile("planner benchmark: ([\\d,]+) workloads");
    private static final Pattern BASELINE = Pattern.compile("baseline \\(([^)]*)\\)" + SPREAD);
    private static final Pattern PLANNING = Pattern.compile("plan \\+ write plan.yaml" + SPREAD);
    private static final Pattern OLD_GEN = Pattern.compile("old-generation peak ([\\d,]+) MiB");

    private PlanFigures() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: PlanFigures PLAN_OUTPUT RUNS OUT_FILE");
            System.exit(2);
        }
        String output = Files.readString(Path.of(args[0]));
        Fragments.write(Path.of(args[2]), rows(output, Integer.parseInt(args[1])));
    }

    static List<BenchResult> rows(String output, int runs) {
        Matcher header = HEADER.matcher(output);
        Matcher baseline = BASELINE.matcher(output);
        Matcher planning = PLANNING.matcher(output);
        if (!header.find() || !baseline.find() || !planning.find()) {
            return List.of(BenchResult.unmeasured("plan", Verdict.ERROR,
                    "bench/plan printed no figures this runner recognises: " + lastLine(output)));
        }
        String name = "plan, " + header.group(1) + " workloads: plan + write plan.yaml";
        Runs planRuns = runs(planning, runs);
        double base = Double.parseDouble(baseline.group(3)); // group 1 names the baseline
        Target target = Target.figure("<", 2.0);
        List<BenchResult> rows = new ArrayList<>();
        rows.add(new BenchResult(name, planRuns.median(), "s", new Baseline(baseline.group(1), base),
                planRuns.median() / base, target, planRuns.median() < 2.0 ? Verdict.PASS : Verdict.MISS, planRuns,
                "from bench/plan (its own harness, heap capped at 512 MiB); target from issue 5: under 2 s"));
        Matcher oldGen = OLD_GEN.matcher(output);
        if (oldGen.find()) {
            double peak = Double.parseDouble(oldGen.group(1).replace(",", ""));
            rows.add(new BenchResult("plan: old-generation peak", peak, "MiB", new Baseline("heap cap -Xmx512m",
                    512.0), peak / 512, Target.figure("<", 512), peak < 512 ? Verdict.PASS : Verdict.MISS,
                    new Runs(1, peak, peak, peak), "from bench/plan"));
        }
        return rows;
    }

    private static Runs runs(Matcher spread, int count) {
        return new Runs(count, Double.parseDouble(spread.group(1)), Double.parseDouble(spread.group(2)),
                Double.parseDouble(spread.group(3)));
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines.length == 0 ? "(nothing)" : lines[lines.length - 1];
    }
}
