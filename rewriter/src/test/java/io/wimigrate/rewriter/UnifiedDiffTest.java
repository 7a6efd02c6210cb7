package io.wimigrate.rewriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnifiedDiffTest {

    @TempDir
    Path tree;

    private void assertApplies(String original, List<TextEdit> edits) throws Exception {
        FileRewrite rewrite = new FileRewrite("dir/file.txt", original, edits);
        Files.createDirectories(tree.resolve("dir"));
        Files.writeString(tree.resolve("dir/file.txt"), original, StandardCharsets.UTF_8);
        GitApply.checkAndApply(tree, UnifiedDiff.of(rewrite));
        assertThat(Files.readString(tree.resolve("dir/file.txt"))).isEqualTo(rewrite.rewritten());
    }

    private static String lines(int count, String newline) {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            out.append("line ").append(i).append(newline);
        }
        return out.toString();
    }

    @Test
    void editsFarApartMakeSeparateHunksThatGitApplies() throws Exception {
        String text = lines(40, "\n");
        int second = text.indexOf("line 2\n");
        int thirtieth = text.indexOf("line 30\n");
        List<TextEdit> edits = List.of(new TextEdit(second, second + 6, "two"),
                TextEdit.insert(thirtieth, "inserted\n"), TextEdit.delete(text.indexOf("line 35\n"), text.indexOf("line 36\n")));
        assertThat(UnifiedDiff.of(new FileRewrite("dir/file.txt", text, edits))).contains("@@ -1,5 +1,5 @@\n")
                .contains("@@ -27,12 +27,12 @@\n");
        assertApplies(text, edits);
    }

    @Test
    void crlfLinesAndAMissingFinalNewlineSurvive() throws Exception {
        String text = lines(5, "\r\n") + "last";
        int third = text.indexOf("line 3");
        List<TextEdit> edits = List.of(new TextEdit(third, third + 6, "three"),
                new TextEdit(text.length() - 4, text.length(), "final"));
        FileRewrite rewrite = new FileRewrite("dir/file.txt", text, edits);
        assertThat(rewrite.rewritten()).isEqualTo("line 1\r\nline 2\r\nthree\r\nline 4\r\nline 5\r\nfinal");
        assertThat(UnifiedDiff.of(rewrite)).contains("\\ No newline at end of file\n");
        assertApplies(text, edits);
    }

    @Test
    void insertionsAtLineStartsAndAtTheEnd() throws Exception {
        String text = lines(3, "\n");
        List<TextEdit> edits = List.of(TextEdit.insert(0, "first\n"), TextEdit.insert(text.length(), "after\n"));
        assertApplies(text, edits);
        assertThat(new FileRewrite("f", text, edits).rewritten()).isEqualTo("first\n" + text + "after\n");
    }

    @Test
    void overlappingEditsAreRefusedAndNoChangeGivesNoDiff() {
        assertThatThrownBy(() -> new FileRewrite("f", "abcdef", List.of(new TextEdit(0, 3, "x"), new TextEdit(2, 4, "y"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(UnifiedDiff.of(new FileRewrite("f", "same\n", List.of(new TextEdit(0, 4, "same"))))).isEmpty();
    }
}
