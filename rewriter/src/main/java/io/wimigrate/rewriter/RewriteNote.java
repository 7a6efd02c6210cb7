package io.wimigrate.rewriter;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Something a recipe found but did not rewrite, or a consequence of a rewrite to check by hand. The message names
 * symbols, versions and positions only: never a source line, since a literal there may be a secret. {@code fix}, when
 * there is one, is the exact change to make by hand (code the rewrite reports but does not change).
 */
public record RewriteNote(String path, int line, int column, String code, String message,
                          @JsonInclude(JsonInclude.Include.NON_NULL) CodeFix fix)
        implements Comparable<RewriteNote> {

    public RewriteNote(String path, int line, int column, String code, String message) {
        this(path, line, column, code, message, null);
    }

    @Override
    public int compareTo(RewriteNote other) {
        int byPath = path.compareTo(other.path);
        if (byPath != 0) {
            return byPath;
        }
        return line != other.line ? Integer.compare(line, other.line)
                : column != other.column ? Integer.compare(column, other.column) : code.compareTo(other.code);
    }
}
