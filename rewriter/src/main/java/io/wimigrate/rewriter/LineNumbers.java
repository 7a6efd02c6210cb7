package io.wimigrate.rewriter;

/** 1-based line and column of an offset, for notes. */
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

    int column(int offset) {
        return offset - (text.lastIndexOf('\n', offset - 1) + 1) + 1;
    }
}
