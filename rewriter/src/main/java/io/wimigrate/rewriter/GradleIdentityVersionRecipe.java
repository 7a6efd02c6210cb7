package io.wimigrate.rewriter;

import io.wimigrate.scanner.repo.CommentMasker;
import io.wimigrate.scanner.repo.IdentityLibrary;
import io.wimigrate.scanner.repo.Versions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Raises {@code com.azure:azure-identity} in build.gradle and build.gradle.kts when it is older than the first
 * version with workload identity: string notation ({@code "com.azure:azure-identity:1.8.2"}), Groovy map notation
 * ({@code group: 'com.azure', name: 'azure-identity', version: '1.8.2'}) and Kotlin named arguments
 * ({@code group = "com.azure", name = "azure-identity", version = "1.8.2"}). An interpolated version is noted.
 */
final class GradleIdentityVersionRecipe implements Recipe {

    private static final Pattern STRING_NOTATION =
            Pattern.compile("([\"'])com\\.azure:azure-identity:([^\"':@]+)(?:@\\w+)?\\1");
    private static final Pattern MAP_NOTATION = Pattern.compile(
            "group\\s*[:=]\\s*(['\"])com\\.azure\\1\\s*,\\s*name\\s*[:=]\\s*(['\"])azure-identity\\2\\s*,\\s*version"
                    + "\\s*[:=]\\s*(['\"])([^'\"]+)\\3");

    @Override
    public boolean accepts(String relativePath) {
        return relativePath.endsWith("build.gradle") || relativePath.endsWith("build.gradle.kts");
    }

    @Override
    public List<TextEdit> edits(String relativePath, String text, List<RewriteNote> notes) {
        String masked = CommentMasker.C_LIKE.mask(text);
        List<TextEdit> edits = new ArrayList<>();
        Matcher string = STRING_NOTATION.matcher(masked);
        while (string.find()) {
            raise(relativePath, text, string.start(2), string.group(2), notes, edits);
        }
        Matcher map = MAP_NOTATION.matcher(masked);
        while (map.find()) {
            raise(relativePath, text, map.start(4), map.group(4), notes, edits);
        }
        return edits;
    }

    static void raise(String path, String text, int at, String declared, List<RewriteNote> notes,
                      List<TextEdit> edits) {
        String minimum = IdentityLibrary.MAVEN.minimum();
        if (Versions.isConcrete(declared)) {
            if (Versions.compare(declared, minimum) < 0) {
                edits.add(new TextEdit(at, at + declared.length(), minimum));
            }
            return;
        }
        LineNumbers lines = new LineNumbers(text);
        notes.add(new RewriteNote(path, lines.line(at), lines.column(at), "gradle-identity-version-indirect",
                "azure-identity's version is not written here as one version (a variable or a range); make sure it"
                        + " is " + minimum + " or later."));
    }
}
