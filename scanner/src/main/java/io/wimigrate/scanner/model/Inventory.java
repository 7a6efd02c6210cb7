package io.wimigrate.scanner.model;

import java.util.List;

/**
 * The result of {@code migrate scan}: the one document plan, rewrite and apply consume. Lists are sorted, so the same
 * inputs serialise to the same bytes.
 */
public record Inventory(String apiVersion, String kind, List<ClusterInventory> clusters, List<RepoInventory> repos,
                        List<Finding> findings, List<Diagnostic> diagnostics) {

    public static final String API_VERSION = "wimigrate.io/v1alpha1";
    public static final String KIND = "Inventory";

    public static Inventory of(List<ClusterInventory> clusters, List<RepoInventory> repos, List<Finding> findings,
                               List<Diagnostic> diagnostics) {
        return new Inventory(API_VERSION, KIND,
                clusters.stream().sorted(java.util.Comparator.comparing(ClusterInventory::name)).toList(),
                repos.stream().sorted(java.util.Comparator.comparing(RepoInventory::root)).toList(),
                findings.stream().sorted().toList(),
                diagnostics.stream().sorted().toList());
    }
}
