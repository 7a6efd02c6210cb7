package io.wimigrate.rewriter;

/**
 * Something a recipe found but did not rewrite, or a consequence of a rewrite to check by hand. The message names
 * symbols, versions and positions only: never a source line, since a literal there may be a secret.
 */
public record RewriteNote(String path, int line, int column, String code, String message)
        implements Comparable<RewriteNote> {

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
