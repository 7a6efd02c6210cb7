package io.wimigrate.bench.results;

import com.fasterxml.jackson.core.JsonProcessingException;
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
 * Joins the fragments of one {@code bench/run} into {@code results.json} and a short Markdown table.
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
        AtomicFiles.write(Path.of(args[2]), json(args[1], Instant.now(), results));
        String table = markdown(args[1], results);
        AtomicFiles.write(Path.of(args[3]), table);
        System.out.print(table);
    }

    static String json(String mode, Instant when, List<BenchResult> results) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("generated", when.truncatedTo(ChronoUnit.SECONDS).toString());
        document.put("mode", mode);
        document.put("cores", Runtime.getRuntime().availableProcessors());
        document.put("results", results);
        try {
            return Fragments.JSON.writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String markdown(String mode, List<BenchResult> results) {
        StringBuilder md = new StringBuilder();
        md.append("`bench/run").append("quick".equals(mode) ? " --quick" : "").append("` on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores; figure = median over the runs.\n\n");
        md.append("| benchmark | figure | baseline (same run) | ratio | target | verdict | runs: min / median / max |"
                + " note |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (BenchResult r : results) {
            md.append("| ").append(cell(r.name()))
                    .append(" | ").append(withUnit(r.figure(), r.unit()))
                    .append(" | ").append(r.baseline() == null ? "" : cell(r.baseline().what()) + ": "
                            + withUnit(r.baseline().value(), r.unit()))
                    .append(" | ").append(r.ratio() == null ? "" : Numbers.format(r.ratio()) + "x")
                    .append(" | ").append(r.target() == null ? "" : cell(r.target().toString()))
                    .append(" | ").append(r.verdict() == BenchResult.Verdict.PASS || r.verdict()
                            == BenchResult.Verdict.MISS ? "**" + r.verdict() + "**" : r.verdict().toString())
                    .append(" | ").append(r.runs() == null ? "" : Numbers.format(r.runs().min()) + " / "
                            + Numbers.format(r.runs().median()) + " / " + Numbers.format(r.runs().max())
                            + " (" + r.runs().count() + ")")
                    .append(" | ").append(r.note() == null ? "" : cell(shortened(r.note())))
                    .append(" |\n");
        }
        return md.toString();
    }

    /** The table stays short; results.json keeps the whole note. */
    private static String shortened(String note) {
        return note.length() <= NOTE_CHARACTERS ? note : note.substring(0, NOTE_CHARACTERS - 1) + "…";
    }

    private static String withUnit(Double value, String unit) {
        return value == null ? "" : Numbers.format(value) + (unit == null || unit.isEmpty() ? "" : " " + unit);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
