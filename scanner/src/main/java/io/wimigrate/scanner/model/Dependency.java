package io.wimigrate.scanner.model;

/**
 * An Azure Identity library declared in a build file. {@code version} is null when managed elsewhere (a BOM, a
 * parent); {@code minimumForWorkloadIdentity} is the first release with workload identity for that ecosystem;
 * {@code supportsWorkloadIdentity} is null when the version is unknown.
 */
public record Dependency(Location.InFile location, String ecosystem, String name, String version,
                         String minimumForWorkloadIdentity, Boolean supportsWorkloadIdentity) {
}
