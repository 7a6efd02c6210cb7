package io.wimigrate.scanner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Listing, copying and deleting directory trees. */
public final class FileTrees {

    private FileTrees() {
    }

    /** The regular files below {@code root} as sorted, '/'-separated relative paths; none when it is no directory. */
    public static List<String> files(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(path -> root.relativize(path).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    /** Copies the regular files below {@code from} to the same places below {@code to}, which it returns. */
    public static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        for (String path : files(from)) {
            Files.createDirectories(to.resolve(path).getParent());
            Files.copy(from.resolve(path), to.resolve(path));
        }
        return to;
    }

    /** Deletes {@code root} and everything below it; nothing when it does not exist. */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
