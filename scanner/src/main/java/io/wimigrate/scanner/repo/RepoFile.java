package io.wimigrate.scanner.repo;

import java.nio.file.Path;

/**
 * A text file of the scanned repository. {@code path} is where it was read (through any followed symlink),
 * {@code relativePath} is relative to the repository root with '/' separators.
 */
record RepoFile(Path path, String relativePath, String text) {

    /** The file name without directories. */
    String name() {
        int slash = relativePath.lastIndexOf('/');
        return slash < 0 ? relativePath : relativePath.substring(slash + 1);
    }

    boolean nameEndsWith(String... suffixes) {
        String name = name();
        for (String suffix : suffixes) {
            if (name.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    boolean contains(String token) {
        return text.contains(token);
    }

    boolean containsAny(String... tokens) {
        for (String token : tokens) {
            if (text.contains(token)) {
                return true;
            }
        }
        return false;
    }
}
