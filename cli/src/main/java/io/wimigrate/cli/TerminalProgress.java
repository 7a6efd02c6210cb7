package io.wimigrate.cli;

import io.wimigrate.scanner.Progress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Progress on stderr. On a terminal: one line redrawn in place at most ten times a second, with a bar when the total
 * is known. Elsewhere (piped, redirected, a CI log): a run's step progress as plain lines, one when a phase begins or
 * ends and at most one every {@value #PLAIN_EVERY_SECONDS} s between; a scan's progress not at all.
 */
final class TerminalProgress implements Progress, AutoCloseable {

    enum Mode { TERMINAL, PLAIN, OFF }

    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int PLAIN_EVERY_SECONDS = 10;

    private final PrintStream err;
    private final Mode mode;
    private final LongSupplier nanoTime;
    private final int width;
    private final long start;
    private long lastDraw;
    private int lastWidth;
    private String lastKey;
    private boolean drawn;

    TerminalProgress(PrintStream err, Mode mode, LongSupplier nanoTime, int width) {
        this.err = err;
        this.mode = mode;
        this.nanoTime = nanoTime;
        this.width = width;
        this.start = nanoTime.getAsLong();
    }

    /** A scan's progress: drawn on a terminal only, so logs and CI stay clean. */
    static TerminalProgress onStderr(PrintStream err) {
        return new TerminalProgress(err, onTerminal() ? Mode.TERMINAL : Mode.OFF, System::nanoTime, columns());
    }

    /** A run's step progress: a bar on a terminal, plain lines elsewhere. */
    static TerminalProgress forSteps(PrintStream err) {
        return onTerminal() ? new TerminalProgress(err, Mode.TERMINAL, System::nanoTime, columns())
                : new TerminalProgress(err, Mode.PLAIN, System::nanoTime, Integer.MAX_VALUE);
    }

    /** A scan's count (scans draw on a terminal only). */
    @Override
    public synchronized void update(String task, long done, long total) {
        if (mode == Mode.TERMINAL) {
            steps(task, task, done, total);
        }
    }

    /**
     * {@code done} of {@code total} steps, described by {@code label}; in plain mode a line is written when
     * {@code stage} (the phase) changes, when it is complete, or every {@value #PLAIN_EVERY_SECONDS} s.
     */
    synchronized void steps(String stage, String label, long done, long total) {
        long now = nanoTime.getAsLong();
        boolean complete = total >= 0 && done >= total;
        String line = render(label, done, total, Duration.ofNanos(now - start), width);
        if (mode == Mode.TERMINAL) {
            if (drawn && now - lastDraw < REDRAW_NANOS && !complete) {
                return;
            }
            err.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
            err.flush();
            lastWidth = line.length();
        } else if (mode == Mode.PLAIN) {
            String key = stage + (complete ? " complete" : "");
            if (key.equals(lastKey) && now - lastDraw < PLAIN_EVERY_SECONDS * 1_000_000_000L) {
                return;
            }
            err.println(line);
            err.flush();
            lastKey = key;
        }
        lastDraw = now;
        drawn = true;
    }

    /** Clears the line on a terminal (before other output, or at the end); the next update draws it again. */
    @Override
    public synchronized void close() {
        if (lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
            lastWidth = 0;
        }
        drawn = false;
    }

    /**
     * {@code label [#####-----] done/total pct% m:ss}, or {@code label done m:ss} when the total is unknown; the label
     * is shortened to keep the line within {@code width} columns.
     */
    static String render(String label, long done, long total, Duration elapsed, int width) {
        String counts;
        if (total > 0) {
            int barWidth = 24;
            int filled = (int) Math.min(barWidth, done * barWidth / total);
            counts = " [" + "#".repeat(filled) + "-".repeat(barWidth - filled) + "] " + done + "/" + total + " "
                    + String.format("%3d%%", Math.min(100, done * 100 / total));
        } else {
            counts = " " + done;
        }
        String tail = counts + " " + clock(elapsed);
        int room = Math.max(1, width - 1 - tail.length());
        String shown = label.length() <= room ? label : label.substring(0, Math.max(0, room - 1)) + "~";
        return shown + tail;
    }

    private static String clock(Duration elapsed) {
        long seconds = elapsed.toSeconds();
        return seconds >= 3600 ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60);
    }

    /** Both ends on a terminal, not a CI job and not a dumb terminal. */
    private static boolean onTerminal() {
        return System.console() != null && System.getenv("CI") == null && !"dumb".equals(System.getenv("TERM"));
    }

    private static int columns() {
        try {
            return Math.max(40, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80")));
        } catch (NumberFormatException e) {
            return 80;
        }
    }
}
