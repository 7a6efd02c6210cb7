package io.wimigrate.bench.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.wimigrate.scanner.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins the fragments of one {@code bench/run} into {@code results.json} and a short Markdown table; each row beside
 * its figures in the results file it replaces ({@link Before}), when that has a row of the same name.
 * Usage: {@code ResultsReport FRAGMENT_DIR MODE RESULTS_JSON RESULTS_MD}.
 */
public final class ResultsReport {

    private static final int NOTE_CHARACTERS = 360;

    private ResultsReport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: ResultsReport FRAGMENT_DIR MODE RESULTS_JSON RESULTS_MD");
            System.exit(2);
        }
        List<BenchResult> results = Fragments.readAll(Path.of(args[0]));
        Map<String, Before> before = Before.of(Path.of(args[2]));
        AtomicFiles.write(Path.of(args[2]), json(args[1], Instant.now(), results, before));
        String table = markdown(args[1], results, before);
        AtomicFiles.write(Path.of(args[3]), table);
        System.out.print(table);
    }

    static String json(String mode, Instant when, List<BenchResult> results, Map<String, Before> before) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("generated", when.truncatedTo(ChronoUnit.SECONDS).toString());
        document.put("mode", mode);
        document.put("cores", Runtime.getRuntime().availableProcessors());
        document.put("results", results.stream().map(result -> {
            Map<String, Object> row = Fragments.JSON.convertValue(result, new TypeReference<>() { });
            row.put("before", before.get(result.name()));
            return row;
        }).toList());
        try {
            return Fragments.JSON.writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String markdown(String mode, List<BenchResult> results, Map<String, Before> before) {
        StringBuilder md = new StringBuilder();
        md.append("`bench/run").append("quick".equals(mode) ? " --quick" : "").append("` on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores; figure = median over the runs");
        before.values().stream().findFirst().ifPresent(earlier -> md.append("; before = the same row in the results"
                + " this run replaced (").append(earlier.mode()).append(" run of ").append(earlier.generated())
                .append(")"));
        md.append(".\n\n");
        md.append("| benchmark | figure | baseline (same run) | ratio | target | verdict | runs: min / median / max |"
                + " before | note |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (BenchResult r : results) {
            md.append("| ").append(cell(r.name()))
                    .append(" | ").append(Numbers.withUnit(r.figure(), r.unit()))
                    .append(" | ").append(r.baseline() == null ? "" : cell(r.baseline().what()) + ": "
                            + Numbers.withUnit(r.baseline().value(), r.unit()))
                    .append(" | ").append(r.ratio() == null ? "" : Numbers.format(r.ratio()) + "x")
                    .append(" | ").append(r.target() == null ? "" : cell(r.target().toString()))
                    .append(" | ").append(r.verdict() == BenchResult.Verdict.PASS || r.verdict()
                            == BenchResult.Verdict.MISS ? "**" + r.verdict() + "**" : r.verdict().toString())
                    .append(" | ").append(r.runs() == null ? "" : Numbers.format(r.runs().min()) + " / "
                            + Numbers.format(r.runs().median()) + " / " + Numbers.format(r.runs().max())
                            + " (" + r.runs().count() + ")")
                    .append(" | ").append(before.containsKey(r.name()) ? before.get(r.name()).cell() : "")
                    .append(" | ").append(r.note() == null ? "" : cell(shortened(r.note())))
                    .append(" |\n");
        }
        return md.toString();
    }

    /** The table stays short; results.json keeps the whole note. */
    private static String shortened(String note) {
        return note.length() <= NOTE_CHARACTERS ? note : note.substring(0, NOTE_CHARACTERS - 1) + "…";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
