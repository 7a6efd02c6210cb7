package io.wimigrate.scanner.repo;

import io.wimigrate.scanner.model.Dependency;
import io.wimigrate.scanner.model.Diagnostic;
import io.wimigrate.scanner.model.Finding;
import io.wimigrate.scanner.model.Location;
import io.wimigrate.scanner.model.Rule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects what the walker and the detectors report for one repository, with locations under the display root. Detectors
 * may report from several threads at once.
 */
final class ScanReport {

    static final String SOURCE = "repo";

    private final String displayRoot;
    private final List<Finding> findings = new ArrayList<>();
    private final List<Dependency> dependencies = new ArrayList<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    ScanReport(String displayRoot) {
        this.displayRoot = displayRoot;
    }

    Location.InFile at(String relativePath, int line, int column) {
        return new Location.InFile(displayRoot, relativePath, line, column);
    }

    /** Evidence must hold names, versions and lengths only: it doubles as the id discriminator. */
    synchronized void finding(Rule rule, RepoFile file, int line, int column, String message, Map<String, String> evidence) {
        TreeMap<String, String> sorted = new TreeMap<>(evidence);
        findings.add(Finding.of(rule, at(file.relativePath(), line, column), sorted.toString(), message, sorted));
    }

    synchronized void dependency(Dependency dependency) {
        dependencies.add(dependency);
    }

    synchronized void warning(String relativePath, int line, int column, String message) {
        diagnostics.add(Diagnostic.warning(SOURCE, at(relativePath, line, column).display(), message));
    }

    synchronized List<Finding> findings() {
        return findings.stream().sorted().distinct().toList();
    }

    synchronized List<Dependency> dependencies() {
        return dependencies.stream()
                .sorted(Comparator.comparing((Dependency d) -> d.location().key()).thenComparing(Dependency::name))
                .distinct()
                .toList();
    }

    synchronized List<Diagnostic> diagnostics() {
        return diagnostics.stream().sorted().distinct().toList();
    }
}
