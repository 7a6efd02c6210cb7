package io.wimigrate.scanner.model;

import java.util.List;

/** What one source (a cluster, a dump, a repository) contributes to the inventory. */
public record ScanOutcome<T>(T value, List<Finding> findings, List<Diagnostic> diagnostics) {
}
