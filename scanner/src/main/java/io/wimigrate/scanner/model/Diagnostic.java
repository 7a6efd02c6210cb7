package io.wimigrate.scanner.model;

import java.util.Comparator;

/**
 * Something the scan could not read, so the inventory may be incomplete: a Forbidden kind, an unreadable or unparsable
 * file. {@code subject} names the file or the object kind; {@code message} says what happened and what to do.
 * An {@link Severity#ERROR} diagnostic makes the scan incomplete (exit code 1).
 */
public record Diagnostic(Severity severity, String source, String subject, String message)
        implements Comparable<Diagnostic> {

    private static final Comparator<Diagnostic> ORDER = Comparator
            .comparing(Diagnostic::source)
            .thenComparing(Diagnostic::subject)
            .thenComparing(Diagnostic::message);

    public static Diagnostic error(String source, String subject, String message) {
        return new Diagnostic(Severity.ERROR, source, subject, message);
    }

    public static Diagnostic warning(String source, String subject, String message) {
        return new Diagnostic(Severity.WARNING, source, subject, message);
    }

    @Override
    public int compareTo(Diagnostic other) {
        return ORDER.compare(this, other);
    }
}
