package io.wimigrate.planner.io;

/**
 * YAML text being written, with the position state snakeyaml 2.3's emitter keeps (column, whether the last character
 * was whitespace, whether the line holds only indentation so far) and its writers for indicators, indentation and
 * the four scalar styles, ported with line splitting off ({@code SPLIT_LINES} disabled) and unicode allowed.
 */
final class YamlText {

    private static final int INDENT = 2;
    private static final String SPACES = " ".repeat(32);

    private final StringBuilder out = new StringBuilder(1 << 16);
    private int column;
    private boolean whitespace = true;
    private boolean indention = true;

    StringBuilder builder() {
        return out;
    }

    boolean indention() {
        return indention;
    }

    void indicator(String indicator, boolean needWhitespace, boolean whitespace, boolean indentation) {
        if (!this.whitespace && needWhitespace) {
            column++;
            out.append(' ');
        }
        this.whitespace = whitespace;
        this.indention = this.indention && indentation;
        column += indicator.length();
        out.append(indicator);
    }

    /** Whether {@link #indent} starts a new line. */
    boolean breaksLine(int indent) {
        return !indention || column > indent || (column == indent && !whitespace);
    }

    void indent(int indent) {
        if (breaksLine(indent)) {
            lineBreak('\n');
        }
        whitespace(indent - column);
    }

    /** A line break that leaves the position state alone: the blank line before a step. */
    void blankLine() {
        out.append('\n');
    }

    void whitespace(int length) {
        if (length <= 0) {
            return;
        }
        whitespace = true;
        for (int left = length; left > 0; left -= SPACES.length()) {
            out.append(SPACES, 0, Math.min(left, SPACES.length()));
        }
        column += length;
    }

    private void lineBreak(char c) {
        whitespace = true;
        indention = true;
        column = 0;
        out.append(c);
    }

    /** The line breaks text[start, end) as they are; snakeyaml writes a '\n' first when the run starts with one. */
    private void lineBreaks(String text, int start, int end, boolean doubleLeadingNewline) {
        if (doubleLeadingNewline && text.charAt(start) == '\n') {
            lineBreak('\n');
        }
        for (int i = start; i < end; i++) {
            lineBreak(text.charAt(i));
        }
    }

    private void chars(String text, int start, int end) {
        column += end - start;
        out.append(text, start, end);
    }

    void scalar(String text, YamlScalarStyle.Rendering rendering, int indent) {
        switch (rendering.style()) {
            case PLAIN -> {
                if (rendering.multiline()) {
                    plain(text, indent);
                } else {
                    plainLine(text);
                }
            }
            case SINGLE_QUOTED -> {
                if (rendering.verbatim()) {
                    quoted(text, "'");
                } else {
                    singleQuoted(text, indent);
                }
            }
            case DOUBLE_QUOTED -> {
                if (rendering.verbatim()) {
                    quoted(text, "\"");
                } else {
                    doubleQuoted(text);
                }
            }
            case LITERAL -> literal(text, indent);
            default -> throw new IllegalArgumentException(rendering.style().name());
        }
    }

    /** What the quoted writers write for a text with nothing to escape, double or break. */
    private void quoted(String text, String quote) {
        indicator(quote, true, false, false);
        chars(text, 0, text.length());
        indicator(quote, false, false, false);
    }

    /** snakeyaml's plain writer for a text with no line break. */
    private void plainLine(String text) {
        if (startPlain(text)) {
            chars(text, 0, text.length());
        }
    }

    private void plain(String text, int indent) {
        if (startPlain(text)) {
            spacedText(text, indent, false);
        }
    }

    /** Separates a non-empty plain scalar from its indicator; false for an empty one, which writes nothing. */
    private boolean startPlain(String text) {
        if (text.isEmpty()) {
            return false;
        }
        if (!whitespace) {
            column++;
            out.append(' ');
        }
        whitespace = false;
        indention = false;
        return true;
    }

    private void singleQuoted(String text, int indent) {
        indicator("'", true, false, false);
        spacedText(text, indent, true);
        indicator("'", false, false, false);
    }

    /**
     * The loop snakeyaml's plain and single-quoted writers share: text goes out a run at a time, a run of line breaks
     * is written (its first '\n' twice, as folding needs) and followed by indentation; quotes are doubled.
     */
    private void spacedText(String text, int indent, boolean singleQuoted) {
        boolean spaces = false;
        boolean breaks = false;
        int start = 0;
        for (int end = 0; end <= text.length(); end++) {
            char ch = end < text.length() ? text.charAt(end) : 0;
            if (spaces) {
                if (ch != ' ') {
                    chars(text, start, end);
                    start = end;
                }
            } else if (breaks) {
                if (!YamlScalarStyle.isLineBreak(ch)) {
                    lineBreaks(text, start, end, true);
                    indent(indent);
                    if (!singleQuoted) {
                        whitespace = false;
                        indention = false;
                    }
                    start = end;
                }
            } else if (ch == 0 || ch == ' ' || ch == '\'' || YamlScalarStyle.isLineBreak(ch)) {
                chars(text, start, end);
                start = end;
            }
            if (singleQuoted && ch == '\'') {
                column += 2;
                out.append("''");
                start = end + 1;
            }
            if (ch != 0) {
                spaces = ch == ' ';
                breaks = YamlScalarStyle.isLineBreak(ch);
            }
        }
    }

    private void doubleQuoted(String text) {
        indicator("\"", true, false, false);
        int start = 0;
        for (int end = 0; end <= text.length(); end++) {
            boolean atEnd = end == text.length();
            char ch = atEnd ? 0 : text.charAt(end);
            if (atEnd || ch == '"' || ch == '\\' || ch < 0x20 || ch > 0x7E) {
                if (start < end) {
                    chars(text, start, end);
                    start = end;
                }
                if (!atEnd) {
                    String data = escape(ch);
                    if (data == null) {
                        int codePoint = Character.isHighSurrogate(ch) && end + 1 < text.length()
                                ? Character.toCodePoint(ch, text.charAt(end + 1)) : ch;
                        if (isPrintable(codePoint)) {
                            data = String.valueOf(Character.toChars(codePoint));
                            end += Character.charCount(codePoint) - 1;
                        } else if (ch <= '\u00FF') {
                            data = String.format("\\x%02x", (int) ch);
                        } else if (Character.charCount(codePoint) == 2) {
                            end++;
                            data = String.format("\\U%08x", codePoint);
                        } else {
                            data = String.format("\\u%04x", (int) ch);
                        }
                    }
                    column += data.length();
                    out.append(data);
                    start = end + 1;
                }
            }
        }
        indicator("\"", false, false, false);
    }

    private static String escape(char ch) {
        return switch (ch) {
            case '\0' -> "\\0";
            case '\u0007' -> "\\a";
            case '\b' -> "\\b";
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case '\u000B' -> "\\v";
            case '\f' -> "\\f";
            case '\r' -> "\\r";
            case '\u001B' -> "\\e";
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\u0085' -> "\\N";
            case '\u00A0' -> "\\_";
            case '\u2028' -> "\\L";
            case '\u2029' -> "\\P";
            default -> null;
        };
    }

    private static boolean isPrintable(int c) {
        return (c >= 0x20 && c <= 0x7E) || c == 0x9 || c == 0xA || c == 0xD || c == 0x85
                || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
    }

    private void literal(String text, int indent) {
        indicator("|" + blockHints(text), true, false, false);
        lineBreak('\n');
        boolean breaks = true;
        int start = 0;
        for (int end = 0; end <= text.length(); end++) {
            char ch = end < text.length() ? text.charAt(end) : 0;
            if (breaks) {
                if (ch == 0 || !YamlScalarStyle.isLineBreak(ch)) {
                    lineBreaks(text, start, end, false);
                    if (ch != 0) {
                        indent(indent);
                    }
                    start = end;
                }
            } else if (ch == 0 || YamlScalarStyle.isLineBreak(ch)) {
                // snakeyaml leaves the column alone here; the line break that follows resets it.
                out.append(text, start, end);
                if (ch == 0) {
                    lineBreak('\n');
                }
                start = end;
            }
            if (ch != 0) {
                breaks = YamlScalarStyle.isLineBreak(ch);
            }
        }
    }

    /** Indentation indicator when the text starts with a space or break; chomping '-' or '+'. */
    private static String blockHints(String text) {
        StringBuilder hints = new StringBuilder();
        if (text.charAt(0) == ' ' || YamlScalarStyle.isLineBreak(text.charAt(0))) {
            hints.append(INDENT);
        }
        char last = text.charAt(text.length() - 1);
        if (!YamlScalarStyle.isLineBreak(last)) {
            hints.append('-');
        } else if (text.length() == 1 || YamlScalarStyle.isLineBreak(text.charAt(text.length() - 2))) {
            hints.append('+');
        }
        return hints.toString();
    }
}
