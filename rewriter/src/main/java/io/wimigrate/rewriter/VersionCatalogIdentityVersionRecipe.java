package io.wimigrate.rewriter;

import io.wimigrate.scanner.repo.CommentMasker;
import io.wimigrate.scanner.repo.IdentityLibrary;
import io.wimigrate.scanner.repo.Versions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Raises {@code com.azure:azure-identity} in a Gradle version catalog ({@code gradle/libs.versions.toml}) when it is
 * older than the first version with workload identity: a "group:name:version" string, an inline {@code version}, or
 * the {@code [versions]} entry a {@code version.ref} names (only when no other library refers to it).
 */
final class VersionCatalogIdentityVersionRecipe implements Recipe {

    private static final Pattern STRING_NOTATION = Pattern.compile("\"com\\.azure:azure-identity:([^\"]+)\"");
    private static final Pattern LIBRARY_TABLE = Pattern.compile(
            "\\{[^}\\n]*(?:module\\s*=\\s*\"com\\.azure:azure-identity\"|group\\s*=\\s*\"com\\.azure\"\\s*,\\s*name\\s*="
                    + "\\s*\"azure-identity\")[^}\\n]*}");
    private static final Pattern INLINE_VERSION = Pattern.compile("\\bversion\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern VERSION_REF = Pattern.compile("\\bversion\\.ref\\s*=\\s*\"([^\"]+)\"");

    @Override
    public boolean accepts(String relativePath) {
        return relativePath.endsWith(".versions.toml");
    }

    @Override
    public List<TextEdit> edits(String relativePath, String text, List<RewriteNote> notes) {
        String masked = CommentMasker.HASH.mask(text);
        List<TextEdit> edits = new ArrayList<>();
        Matcher string = STRING_NOTATION.matcher(masked);
        while (string.find()) {
            GradleIdentityVersionRecipe.raise(relativePath, text, string.start(1), string.group(1), notes, edits);
        }
        Matcher table = LIBRARY_TABLE.matcher(masked);
        while (table.find()) {
            String entry = table.group();
            Matcher inline = INLINE_VERSION.matcher(entry);
            Matcher reference = VERSION_REF.matcher(entry);
            if (inline.find()) {
                GradleIdentityVersionRecipe.raise(relativePath, text, table.start() + inline.start(1), inline.group(1),
                        notes, edits);
            } else if (reference.find()) {
                raiseReferenced(relativePath, text, masked, reference.group(1), notes, edits);
            }
        }
        return edits;
    }

    private static void raiseReferenced(String path, String text, String masked, String key, List<RewriteNote> notes,
                                        List<TextEdit> edits) {
        Matcher definition = Pattern.compile("(?m)^\\s*" + Pattern.quote(key) + "\\s*=\\s*\"([^\"]+)\"")
                .matcher(masked);
        if (!definition.find()) {
            return;
        }
        String declared = definition.group(1);
        boolean old = Versions.isConcrete(declared)
                && Versions.compare(declared, IdentityLibrary.MAVEN.minimum()) < 0;
        long references = Pattern.compile("\\bversion\\.ref\\s*=\\s*\"" + Pattern.quote(key) + "\"").matcher(masked)
                .results().count();
        if (old && references > 1) {
            LineNumbers lines = new LineNumbers(text);
            notes.add(new RewriteNote(path, lines.line(definition.start(1)), lines.column(definition.start(1)),
                    "catalog-identity-version-shared", "Version " + key + " (azure-identity " + declared + ") also"
                            + " sets other libraries; raise azure-identity to " + IdentityLibrary.MAVEN.minimum()
                            + " or later by hand."));
            return;
        }
        GradleIdentityVersionRecipe.raise(path, text, definition.start(1), declared, notes, edits);
    }
}
