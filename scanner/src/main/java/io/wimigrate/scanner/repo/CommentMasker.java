package io.wimigrate.scanner.repo;

/**
 * Blanks out comments (keeping line breaks, so offsets and positions stay right) while leaving string literals
 * intact, so that a pattern never matches inside a comment and a "//" inside a URL string is no comment.
 */
public enum CommentMasker {
    /** Java, C#, Go, JavaScript/TypeScript, Groovy, Kotlin: {@code //}, {@code /* *}{@code /}, ' " and ` strings. */
    C_LIKE(true, false, "\"'`"),
    /** Python and shell-like files: {@code #}, ' and " strings, triple-quoted strings. */
    HASH(false, true, "\"'"),
    /** Terraform/HCL: {@code #}, {@code //}, {@code /* *}{@code /}, " strings. */
    HCL(true, true, "\""),
    /** Files whose comment syntax is not known: nothing is masked. */
    NONE(false, false, "");

    private final boolean slashComments;
    private final boolean hashComments;
    private final String quotes;

    CommentMasker(boolean slashComments, boolean hashComments, String quotes) {
        this.slashComments = slashComments;
        this.hashComments = hashComments;
        this.quotes = quotes;
    }

    public String mask(String text) {
        StringBuilder out = new StringBuilder(text);
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (quotes.indexOf(c) >= 0) {
                i = skipString(text, i);
            } else if (hashComments && c == '#' || slashComments && text.startsWith("//", i)) {
                int end = text.indexOf('\n', i);
                end = end < 0 ? n : end;
                blank(out, i, end);
                i = end;
            } else if (slashComments && text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                blank(out, i, end);
                i = end;
            } else {
                i++;
            }
        }
        return out.toString();
    }

    /**
     * Returns the offset after the string literal starting at {@code start} (at the line break that ends an unclosed
     * one): ' " ` quotes, backslash escapes, triple-quoted strings.
     */
    public static int skipString(String text, int start) {
        char quote = text.charAt(start);
        String triple = String.valueOf(quote).repeat(3);
        if (text.startsWith(triple, start)) {
            int end = text.indexOf(triple, start + 3);
            return end < 0 ? text.length() : end + 3;
        }
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else if (c == '\n' && quote != '`') {
                return i;
            } else {
                i++;
            }
        }
        return text.length();
    }

    private static void blank(StringBuilder out, int from, int to) {
        for (int i = from; i < to; i++) {
            if (out.charAt(i) != '\n') {
                out.setCharAt(i, ' ');
            }
        }
    }
}
