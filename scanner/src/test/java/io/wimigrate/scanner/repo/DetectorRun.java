package io.wimigrate.scanner.repo;

import io.wimigrate.scanner.model.Finding;
import io.wimigrate.scanner.model.Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes files into a temporary repository and runs one detector over one of them, as the scanner would. */
final class DetectorRun {

    static final String ROOT = "repo";

    private final Path root;

    DetectorRun(Path root) {
        this.root = root;
    }

    DetectorRun write(String relative, String content) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the detector over the file if it accepts it; finish() runs too. */
    ScanReport run(Detector detector, String... relatives) {
        ScanReport report = new ScanReport(ROOT);
        for (String relative : relatives) {
            RepoFile file = file(relative);
            if (detector.accepts(file)) {
                detector.detect(file, report);
            }
        }
        detector.finish(report);
        return report;
    }

    RepoFile file(String relative) {
        try {
            Path path = root.resolve(relative);
            return new RepoFile(path, relative, Files.readString(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String line(Finding finding) {
        Location.InFile at = (Location.InFile) finding.location();
        return at.path() + ":" + at.line();
    }

    static List<String> lines(ScanReport report) {
        return report.findings().stream().map(f -> f.rule() + "@" + line(f)).toList();
    }
}
