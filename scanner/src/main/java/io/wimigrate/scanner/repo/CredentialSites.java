package io.wimigrate.scanner.repo;

import io.wimigrate.scanner.model.Finding;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The credential sites the scan reports in one Python, C#, Go or JavaScript/TypeScript source file, found by the same
 * detectors, for tools that act on them (the rewrite's findings with their replacements). Locations are relative to
 * {@code "."}.
 */
public final class CredentialSites {

    private static final Pattern SOURCE_FILE = Pattern.compile(".*\\.(py|cs|go|[cm]?jsx?|[cm]?tsx?)");
    private static final List<Detector> DETECTORS = List.of(new PythonCredentialDetector(),
            new DotnetCredentialDetector(), new GoCredentialDetector(), new JsCredentialDetector());

    private CredentialSites() {
    }

    /** The file names the detectors read; a cheap test before reading a file. */
    public static boolean accepts(String relativePath) {
        return SOURCE_FILE.matcher(relativePath).matches();
    }

    public static List<Finding> find(String relativePath, String text) {
        RepoFile file = new RepoFile(Path.of(relativePath), relativePath, text);
        ScanReport report = new ScanReport(".");
        for (Detector detector : DETECTORS) {
            if (detector.accepts(file)) {
                detector.detect(file, report);
            }
        }
        return report.findings();
    }
}
