package io.wimigrate.scanner.repo;

import io.wimigrate.scanner.BadInputException;
import io.wimigrate.scanner.Progress;
import io.wimigrate.scanner.model.RepoInventory;
import io.wimigrate.scanner.model.ScanOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The repository half of {@code migrate scan}: walks a working tree and runs every detector on the files it accepts.
 * The same tree always gives the same outcome (files are walked in order; findings, dependencies and diagnostics are
 * sorted).
 */
public final class RepoScanner {

    private final RepoWalker walker;

    public RepoScanner() {
        this(new RepoWalker());
    }

    public RepoScanner(RepoWalker walker) {
        this.walker = walker;
    }

    /**
     * @param root        the repository's directory
     * @param displayRoot the root as the user typed it; every location starts with it
     * @throws BadInputException when {@code root} is not a directory
     */
    public ScanOutcome<RepoInventory> scan(Path root, String displayRoot, Progress progress) {
        if (!Files.isDirectory(root)) {
            throw new BadInputException("Repository " + displayRoot + " is not a directory");
        }
        String task = "repo " + displayRoot;
        ScanReport report = new ScanReport(displayRoot);
        List<Detector> detectors = detectors();
        int[] filesRead = {0};
        int walked;
        try (ConcurrentDetections concurrent = new ConcurrentDetections()) {
            walked = walker.walkInStages(root, report, file -> {
                List<Detector> accepting = detectors.stream().filter(detector -> detector.accepts(file)).toList();
                return () -> {
                    filesRead[0]++;
                    for (Detector detector : accepting) {
                        if (detector.concurrent()) {
                            concurrent.submit(() -> detectSafely(detector, file, report));
                        } else {
                            detectSafely(detector, file, report);
                        }
                    }
                    progress.update(task, filesRead[0], -1);
                };
            });
        }
        detectors.forEach(detector -> detector.finish(report));
        progress.update(task, walked, walked);
        return new ScanOutcome<>(new RepoInventory(displayRoot, filesRead[0], report.dependencies()),
                report.findings(), report.diagnostics());
    }

    /** One detector tripping over an odd file must not cost the rest of the scan. */
    private static void detectSafely(Detector detector, RepoFile file, ScanReport report) {
        try {
            detector.detect(file, report);
        } catch (RuntimeException | StackOverflowError e) {
            report.warning(file.relativePath(), 0, 0, detector.getClass().getSimpleName() + " failed on this file ("
                    + e.getClass().getSimpleName() + "); it may hold findings that were not reported.");
        }
    }

    private static List<Detector> detectors() {
        return List.of(
                new JavaCredentialDetector(),
                new MavenPomDetector(),
                new GradleBuildDetector(),
                new GradleVersionCatalogDetector(),
                new PythonBuildDetector(),
                new NpmPackageDetector(),
                new GoModDetector(),
                new DotnetProjectDetector(),
                new SpringConfigDetector(),
                new ManifestDetector(),
                new HelmChartDetector(),
                new PythonCredentialDetector(),
                new DotnetCredentialDetector(),
                new GoCredentialDetector(),
                new JsCredentialDetector(),
                new PodIdentityAuthorityEnvDetector(),
                new TerraformDetector());
    }
}
