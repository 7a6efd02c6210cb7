package io.wimigrate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The peak heap of a JVM run with {@link #OPTIONS}: the largest heap occupancy seen before any collection, or at exit.
 * That is what the run needed at its fullest; a cap below it would have forced more collections or an
 * OutOfMemoryError.
 */
public final class GcLog {

    /** Java options that write the log this class reads to {@code file}. */
    public static List<String> options(Path file) {
        return List.of("-Xlog:gc,gc+heap+exit:file=" + file + ":uptime,level,tags");
    }

    private static final Pattern COLLECTION = Pattern.compile("(\\d+)([KMG])->\\d+[KMG]\\(\\d+[KMG]\\)");
    private static final Pattern AT_EXIT = Pattern.compile("total \\d+K, used (\\d+)K");

    private GcLog() {
    }

    public static double peakMiB(Path file) {
        try {
            long peakKiB = 0;
            for (String line : Files.readAllLines(file)) {
                Matcher collection = COLLECTION.matcher(line);
                while (collection.find()) {
                    peakKiB = Math.max(peakKiB, kib(Long.parseLong(collection.group(1)), collection.group(2)));
                }
                Matcher exit = AT_EXIT.matcher(line);
                if (exit.find()) {
                    peakKiB = Math.max(peakKiB, Long.parseLong(exit.group(1)));
                }
            }
            return peakKiB / 1024.0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the GC log " + file, e);
        }
    }

    private static long kib(long amount, String unit) {
        return switch (unit) {
            case "G" -> amount << 20;
            case "M" -> amount << 10;
            default -> amount;
        };
    }
}
