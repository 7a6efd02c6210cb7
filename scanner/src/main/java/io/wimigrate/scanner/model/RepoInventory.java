package io.wimigrate.scanner.model;

import java.util.List;

/** A scanned repository: {@code root} as given on the command line, how many files were read, its Azure Identity deps. */
public record RepoInventory(String root, int filesScanned, List<Dependency> dependencies) {
}
