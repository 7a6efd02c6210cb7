package io.wimigrate.cli;

import io.wimigrate.scanner.Progress;
import java.io.PrintStream;

/** One self-overwriting status line on stderr, redrawn at most ten times a second. */
final class TerminalProgress implements Progress, AutoCloseable {

    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private final boolean enabled;
    private long lastDraw;
    private int lastWidth;

    private TerminalProgress(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /** Draws on a terminal only: nothing when output is piped or redirected, so logs and CI stay clean. */
    static TerminalProgress onStderr(PrintStream err) {
        return new TerminalProgress(err, System.console() != null);
    }

    @Override
    public synchronized void update(String task, long done, long total) {
        long now = System.nanoTime();
        if (!enabled || now - lastDraw < REDRAW_NANOS && done != total) {
            return;
        }
        lastDraw = now;
        String line = total > 0 ? String.format("%s %d/%d", task, done, total) : String.format("%s %d", task, done);
        err.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
        err.flush();
        lastWidth = line.length();
    }

    @Override
    public synchronized void close() {
        if (lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
        }
    }
}
