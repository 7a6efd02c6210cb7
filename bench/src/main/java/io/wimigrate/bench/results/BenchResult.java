package io.wimigrate.bench.results;

import java.util.List;

/**
 * One row of {@code bench/results.json}: a figure (the median over {@code runs}) against a baseline measured in the
 * same run, their ratio, the target and the verdict. A benchmark that could not produce a number (not built yet,
 * blocked, skipped, failed) has null figure, baseline value, ratio and runs, and says why in {@code note}.
 */
public record BenchResult(String name, Double figure, String unit, Baseline baseline, Double ratio, Target target,
                          Verdict verdict, Runs runs, String note) {

    /** A measured figure against a measured baseline; the verdict follows from the target. */
    public static BenchResult measured(String name, List<Double> figures, String unit, String baselineWhat,
                                       List<Double> baselines, Target target, String note) {
        Runs runs = Runs.of(figures);
        Runs baselineRuns = Runs.of(baselines);
        Double ratio = baselineRuns.median() == 0 ? null : runs.median() / baselineRuns.median();
        return new BenchResult(name, runs.median(), unit, new Baseline(baselineWhat, baselineRuns.median()), ratio,
                target, target == null ? Verdict.INFO : target.verdict(runs.median(), ratio), runs, note);
    }

    /** A slot with no number, e.g. {@code NOT_BUILT} or {@code BLOCKED}, with the reason. */
    public static BenchResult unmeasured(String name, Verdict verdict, String note) {
        return new BenchResult(name, null, null, null, null, null, verdict, null, note);
    }

    public record Baseline(String what, Double value) {
    }

    public record Runs(int count, double min, double median, double max) {

        public static Runs of(List<Double> values) {
            if (values.isEmpty()) {
                throw new IllegalArgumentException("no runs");
            }
            List<Double> sorted = values.stream().sorted().toList();
            int middle = sorted.size() / 2;
            double median = sorted.size() % 2 == 1 ? sorted.get(middle)
                    : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
            return new Runs(sorted.size(), sorted.get(0), median, sorted.get(sorted.size() - 1));
        }
    }

    /** What the verdict is computed on: the ratio to the baseline, or the figure itself. */
    public record Target(Subject on, String op, double value) {

        public enum Subject { RATIO, FIGURE }

        public static Target ratio(String op, double value) {
            return new Target(Subject.RATIO, op, value);
        }

        public static Target figure(String op, double value) {
            return new Target(Subject.FIGURE, op, value);
        }

        Verdict verdict(double figure, Double ratio) {
            if (on == Subject.RATIO && ratio == null) {
                throw new IllegalArgumentException("a ratio target needs a non-zero baseline");
            }
            double measured = on == Subject.RATIO ? ratio : figure;
            boolean met = switch (op) {
                case "<=" -> measured <= value;
                case "<" -> measured < value;
                case ">=" -> measured >= value;
                case ">" -> measured > value;
                case "==" -> measured == value;
                default -> throw new IllegalArgumentException("unknown target operator " + op);
            };
            return met ? Verdict.PASS : Verdict.MISS;
        }

        @Override
        public String toString() {
            return (on == Subject.RATIO ? "ratio " : "") + op + " " + Numbers.format(value);
        }
    }

    public enum Verdict { PASS, MISS, INFO, NOT_BUILT, BLOCKED, SKIPPED, ERROR }
}
