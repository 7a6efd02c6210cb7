package io.wimigrate.scanner.repo;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code com.azure:azure-identity} and {@code com.azure:azure-sdk-bom} in build.gradle and build.gradle.kts, in string
 * notation ({@code "com.azure:azure-identity:1.8.0"}, no version when a platform manages it) and map notation
 * ({@code group: 'com.azure', name: 'azure-identity', version: '1.8.0'}, or {@code =} in Kotlin).
 */
final class GradleBuildDetector implements Detector {

    private static final Pattern STRING_NOTATION = Pattern.compile(
            "([\"'])com\\.azure:(azure-identity|azure-sdk-bom)(?::([^\"'@:]+))?(?:@\\w+)?\\1");
    private static final Pattern MAP_NOTATION = Pattern.compile(
            "group\\s*[:=]\\s*([\"'])com\\.azure\\1\\s*,\\s*name\\s*[:=]\\s*([\"'])(azure-identity|azure-sdk-bom)\\2"
                    + "(?:\\s*,\\s*version\\s*[:=]\\s*([\"'])([^\"']+)\\4)?");

    @Override
    public boolean accepts(RepoFile file) {
        return file.nameEndsWith(".gradle", ".gradle.kts") && file.contains("com.azure");
    }

    @Override
    public void detect(RepoFile file, ScanReport report) {
        String code = CommentMasker.C_LIKE.mask(file.text());
        LineIndex lines = new LineIndex(code);
        Matcher string = STRING_NOTATION.matcher(code);
        while (string.find()) {
            declare(file, report, lines, string.start(), string.group(2), string.group(3));
        }
        Matcher map = MAP_NOTATION.matcher(code);
        while (map.find()) {
            declare(file, report, lines, map.start(), map.group(3), map.group(5));
        }
    }

    private static void declare(RepoFile file, ScanReport report, LineIndex lines, int offset, String artifact,
                                String version) {
        IdentityLibrary library = artifact.equals("azure-sdk-bom") ? IdentityLibrary.MAVEN_BOM : IdentityLibrary.MAVEN;
        int line = lines.line(offset);
        int column = lines.column(offset);
        if (version == null) {
            library.unversioned(report, file, line, column);
        } else {
            // "$identityVersion" and "1.+" give no concrete version: unknown.
            library.declared(report, file, line, column, version, VersionRange.ofMavenStyle(version));
        }
    }
}
