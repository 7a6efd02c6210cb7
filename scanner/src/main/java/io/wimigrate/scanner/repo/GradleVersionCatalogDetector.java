package io.wimigrate.scanner.repo;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code com.azure:azure-identity} and the BOM in a Gradle version catalog ({@code gradle/libs.versions.toml}): a
 * library given as {@code "g:a:v"}, {@code { module = "g:a", version = ".." }}, {@code { group = .., name = .. }} or
 * with {@code version.ref} into {@code [versions]}; a ref is reported at the line of the version it names.
 */
final class GradleVersionCatalogDetector implements Detector {

    private static final Pattern SECTION = Pattern.compile("^\\s*\\[([\\w.-]+)]\\s*$");
    private static final Pattern VERSION_ENTRY = Pattern.compile("^\\s*([\\w.-]+)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern ARTIFACT = Pattern.compile(
            "\"com\\.azure:(azure-identity|azure-sdk-bom)(?::([^\"]+))?\"|group\\s*=\\s*\"com\\.azure\"\\s*,\\s*name\\s*=\\s*"
                    + "\"(azure-identity|azure-sdk-bom)\"");
    private static final Pattern VERSION = Pattern.compile("version\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern VERSION_REF = Pattern.compile("version\\.ref\\s*=\\s*\"([^\"]+)\"");

    private record Declared(String version, int line, int column) {
    }

    @Override
    public boolean accepts(RepoFile file) {
        return file.nameEndsWith(".versions.toml") && file.contains("com.azure");
    }

    @Override
    public void detect(RepoFile file, ScanReport report) {
        String[] lines = CommentMasker.HASH.mask(file.text()).split("\n", -1);
        Map<String, Declared> versions = new HashMap<>();
        String section = "";
        for (int i = 0; i < lines.length; i++) {
            Matcher header = SECTION.matcher(lines[i]);
            if (header.find()) {
                section = header.group(1);
            } else if (section.equals("versions")) {
                Matcher entry = VERSION_ENTRY.matcher(lines[i]);
                if (entry.find()) {
                    versions.put(entry.group(1), new Declared(entry.group(2), i + 1, entry.start(1) + 1));
                }
            }
        }
        section = "";
        for (int i = 0; i < lines.length; i++) {
            Matcher header = SECTION.matcher(lines[i]);
            if (header.find()) {
                section = header.group(1);
                continue;
            }
            Matcher artifact = ARTIFACT.matcher(lines[i]);
            if (!section.equals("libraries") || !artifact.find()) {
                continue;
            }
            String name = artifact.group(1) != null ? artifact.group(1) : artifact.group(3);
            IdentityLibrary library = name.equals("azure-sdk-bom") ? IdentityLibrary.MAVEN_BOM : IdentityLibrary.MAVEN;
            Matcher version = VERSION.matcher(lines[i]);
            Matcher ref = VERSION_REF.matcher(lines[i]);
            int column = artifact.start() + 1;
            if (artifact.group(2) != null) {
                library.declared(report, file, i + 1, column, artifact.group(2),
                        VersionRange.ofMavenStyle(artifact.group(2)));
            } else if (version.find()) {
                library.declared(report, file, i + 1, column, version.group(1),
                        VersionRange.ofMavenStyle(version.group(1)));
            } else if (ref.find() && versions.containsKey(ref.group(1))) {
                Declared declared = versions.get(ref.group(1));
                library.declared(report, file, declared.line(), declared.column(), declared.version(),
                        VersionRange.ofMavenStyle(declared.version()));
            } else {
                library.unversioned(report, file, i + 1, column);
            }
        }
    }
}
