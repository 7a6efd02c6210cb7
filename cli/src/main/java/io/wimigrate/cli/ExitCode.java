package io.wimigrate.cli;

/** The process exit codes, documented in the README; scripts and CI gates depend on them. */
public final class ExitCode {
    public static final int OK = 0;
    /** Runtime failure: a cluster unreachable, an incomplete scan, an unexpected error. */
    public static final int FAILURE = 1;
    /** Usage error or bad input: unknown option, malformed dump file, unknown context. */
    public static final int USAGE = 2;
    /** {@code --fail-on-findings} and findings at or above the threshold. */
    public static final int FINDINGS = 3;
    /** apply or rollback stopped by Ctrl-C (SIGINT) or SIGTERM after the running steps finished: 128 + SIGINT. */
    public static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
