package io.wimigrate.rewriter;

/** 1-based line and column of an offset and back, for notes. */
final class LineNumbers {

    private final String text;

    LineNumbers(String text) {
        this.text = text;
    }

    int line(int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The offset of a 1-based line and column; -1 when the text has no such line. */
    int offset(int line, int column) {
        int start = 0;
        for (int i = 1; i < line; i++) {
            start = text.indexOf('\n', start) + 1;
            if (start == 0) {
                return -1;
            }
        }
        return start + column - 1;
    }

    int column(int offset) {
        return offset - (text.lastIndexOf('\n', offset - 1) + 1) + 1;
    }
}
