package io.wimigrate.scanner;

/** Receives progress of long scans; the CLI draws it on stderr when stderr is a terminal. */
@FunctionalInterface
public interface Progress {

    Progress NONE = (task, done, total) -> { };

    /** {@code total} is -1 when unknown (for example while a paginated LIST is still under way). */
    void update(String task, long done, long total);
}
