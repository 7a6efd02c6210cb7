package io.wimigrate.rewriter;

import java.util.ArrayList;
import java.util.List;

/** An exact change that settles a note: replacements in the note's file, as SARIF fixes describe them. */
public record CodeFix(String description, List<Replacement> replacements) {

    public CodeFix {
        replacements = List.copyOf(replacements);
    }

    /**
     * The fix making {@code edits} (in the order {@link FileRewrite} applies them). Edits that touch are merged into
     * one replacement, since SARIF leaves the order of insertions at one point open.
     */
    static CodeFix of(String description, String text, List<TextEdit> edits) {
        LineNumbers lines = new LineNumbers(text);
        List<TextEdit> merged = new ArrayList<>();
        for (TextEdit edit : new FileRewrite("", text, edits).edits()) {
            TextEdit last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && last.end() == edit.start()) {
                merged.set(merged.size() - 1, new TextEdit(last.start(), edit.end(),
                        last.replacement() + text.substring(last.end(), edit.start()) + edit.replacement()));
            } else {
                merged.add(edit);
            }
        }
        return new CodeFix(description, merged.stream().map(edit -> Replacement.of(lines, edit)).toList());
    }

    /**
     * Replaces the characters from ({@code startLine}, {@code startColumn}) up to, not including, ({@code endLine},
     * {@code endColumn}) with {@code text}; lines and columns are 1-based, columns count UTF-16 code units.
     */
    public record Replacement(int startLine, int startColumn, int endLine, int endColumn, String text) {

        private static Replacement of(LineNumbers lines, TextEdit edit) {
            return new Replacement(lines.line(edit.start()), lines.column(edit.start()), lines.line(edit.end()),
                    lines.column(edit.end()), edit.replacement());
        }
    }
}
