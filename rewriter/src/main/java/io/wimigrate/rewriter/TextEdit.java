package io.wimigrate.rewriter;

/** Replaces the characters {@code [start, end)} of a file's original text; {@code start == end} inserts. */
public record TextEdit(int start, int end, String replacement) {

    public TextEdit {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad edit range [" + start + ", " + end + ")");
        }
    }

    static TextEdit insert(int at, String text) {
        return new TextEdit(at, at, text);
    }

    static TextEdit delete(int start, int end) {
        return new TextEdit(start, end, "");
    }

    boolean overlaps(TextEdit other) {
        return start < other.end && other.start < end;
    }
}
