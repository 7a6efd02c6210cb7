package io.wimigrate.rewriter;

import io.wimigrate.scanner.repo.IdentityLibrary;
import io.wimigrate.scanner.repo.Versions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Raises {@code com.azure:azure-identity} in a pom.xml to the first version with workload identity when it is older:
 * the {@code <version>} text itself, or the {@code <properties>} entry it names (only when no other dependency uses
 * that property). Managed versions are left to their BOM; an old {@code azure-sdk-bom} import is noted.
 */
final class MavenIdentityVersionRecipe implements Recipe {

    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
    private static final Pattern PROPERTY_REFERENCE = Pattern.compile("\\$\\{([\\w.-]+)}");

    @Override
    public boolean accepts(String relativePath) {
        return relativePath.equals("pom.xml") || relativePath.endsWith("/pom.xml");
    }

    @Override
    public List<TextEdit> edits(String relativePath, String text, List<RewriteNote> notes) {
        String masked = maskComments(text);
        List<TextEdit> edits = new ArrayList<>();
        LineNumbers lines = new LineNumbers(text);
        Matcher dependency = DEPENDENCY.matcher(masked);
        while (dependency.find()) {
            int bodyStart = dependency.start(1);
            String body = dependency.group(1);
            String group = element(body, "groupId").map(e -> e.text(body)).orElse("");
            String artifact = element(body, "artifactId").map(e -> e.text(body)).orElse("");
            Element version = element(body, "version").orElse(null);
            if (group.equals("com.azure") && artifact.equals("azure-sdk-bom") && version != null) {
                noteOldBom(relativePath, masked, bodyStart, version, lines, notes);
            }
            if (!group.equals("com.azure") || !artifact.equals("azure-identity") || version == null) {
                continue;
            }
            String declared = version.text(body);
            Matcher reference = PROPERTY_REFERENCE.matcher(declared);
            if (reference.matches()) {
                raiseProperty(relativePath, masked, reference.group(1), bodyStart + version.start(), lines, notes,
                        edits);
            } else if (isOld(declared)) {
                edits.add(new TextEdit(bodyStart + version.start(), bodyStart + version.end(), minimum()));
            } else if (!Versions.isConcrete(declared)) {
                notes.add(new RewriteNote(relativePath, lines.line(bodyStart + version.start()), lines.column(bodyStart
                        + version.start()), "maven-identity-version-range", "azure-identity is declared with a range or"
                        + " expression; make sure it resolves to " + minimum() + " or later."));
            }
        }
        return edits;
    }

    private static void raiseProperty(String path, String masked, String property, int usedAt,
                                      LineNumbers lines, List<RewriteNote> notes, List<TextEdit> edits) {
        Matcher definition = Pattern.compile("<" + Pattern.quote(property) + ">([^<]*)</" + Pattern.quote(property)
                + ">").matcher(masked);
        if (!definition.find()) {
            notes.add(new RewriteNote(path, lines.line(usedAt), lines.column(usedAt), "maven-identity-property-elsewhere",
                    "azure-identity's version comes from property " + property + ", not defined in this pom (a parent"
                            + " pom?); raise it there to " + IdentityLibrary.MAVEN.minimum() + " or later."));
            return;
        }
        String value = definition.group(1).trim();
        if (!isOld(value)) {
            return;
        }
        long uses = Pattern.compile("\\$\\{" + Pattern.quote(property) + "}").matcher(masked).results().count();
        if (uses > 1) {
            notes.add(new RewriteNote(path, lines.line(definition.start()), lines.column(definition.start()),
                    "maven-identity-property-shared", "Property " + property + " (azure-identity " + value + ") also"
                            + " sets other versions; raise azure-identity to " + IdentityLibrary.MAVEN.minimum()
                            + " or later by hand."));
            return;
        }
        int start = definition.start(1) + (definition.group(1).length() - definition.group(1).stripLeading().length());
        edits.add(new TextEdit(start, start + value.length(), IdentityLibrary.MAVEN.minimum()));
    }

    private static void noteOldBom(String path, String masked, int bodyStart, Element version,
                                   LineNumbers lines, List<RewriteNote> notes) {
        String declared = version.text(masked.substring(bodyStart));
        Matcher reference = PROPERTY_REFERENCE.matcher(declared);
        if (reference.matches()) {
            Matcher definition = Pattern.compile("<" + Pattern.quote(reference.group(1)) + ">\\s*([^<\\s]*)\\s*</")
                    .matcher(masked);
            declared = definition.find() ? definition.group(1) : declared;
        }
        String bomMinimum = IdentityLibrary.MAVEN_BOM.minimum();
        if (Versions.isConcrete(declared) && Versions.compare(declared, bomMinimum) < 0) {
            int at = bodyStart + version.start();
            notes.add(new RewriteNote(path, lines.line(at), lines.column(at), "maven-identity-bom-old",
                    "com.azure:azure-sdk-bom " + declared + " manages an azure-identity without workload identity;"
                            + " raise the BOM to " + bomMinimum + " or later (not changed: it manages other libraries"
                            + " too)."));
        }
    }

    private static boolean isOld(String version) {
        return Versions.isConcrete(version) && Versions.compare(version, minimum()) < 0;
    }

    private static String minimum() {
        return IdentityLibrary.MAVEN.minimum();
    }

    /** The trimmed text range of a child element's content within {@code body}. */
    private record Element(int start, int end) {
        String text(String body) {
            return body.substring(start, end);
        }
    }

    private static Optional<Element> element(String body, String name) {
        Matcher matcher = Pattern.compile("<" + name + ">(\\s*)([^<]*?)\\s*</" + name + ">").matcher(body);
        return matcher.find() ? Optional.of(new Element(matcher.start(2), matcher.end(2)))
                : Optional.empty();
    }

    /** Blanks XML comments (line breaks kept), so a commented-out dependency is never edited. */
    private static String maskComments(String text) {
        StringBuilder out = new StringBuilder(text);
        Matcher comment = Pattern.compile("<!--.*?-->", Pattern.DOTALL).matcher(text);
        while (comment.find()) {
            for (int i = comment.start(); i < comment.end(); i++) {
                if (out.charAt(i) != '\n' && out.charAt(i) != '\r') {
                    out.setCharAt(i, ' ');
                }
            }
        }
        return out.toString();
    }
}
