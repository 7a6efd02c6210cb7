package io.wimigrate.bench.results;

import java.nio.file.Path;
import java.util.List;

/**
 * Writes a fragment with one row that has no number: a benchmark not built yet, blocked, skipped or failed.
 * Usage: {@code SlotFragment OUT_FILE NAME VERDICT NOTE}.
 */
public final class SlotFragment {

    private SlotFragment() {
    }

    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: SlotFragment OUT_FILE NAME VERDICT NOTE");
            System.exit(2);
        }
        Fragments.write(Path.of(args[0]), List.of(
                BenchResult.unmeasured(args[1], BenchResult.Verdict.valueOf(args[2]), args[3])));
    }
}
