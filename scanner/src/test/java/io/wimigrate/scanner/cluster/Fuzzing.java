package io.wimigrate.scanner.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Seeds and checks shared by the scanner's fuzz tests. */
final class Fuzzing {

    private Fuzzing() {
    }

    /** Every file under {@code dir}, as bytes, in path order; a leading 0/1 byte picks YAML/JSON for the target. */
    static Stream<byte[]> seeds(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().map(Fuzzing::bytes).toList().stream();
        }
    }

    private static byte[] bytes(Path file) {
        try {
            byte[] content = Files.readAllBytes(file);
            byte[] seed = new byte[content.length + 1];
            seed[0] = (byte) (file.toString().endsWith(".json") ? 1 : 0);
            System.arraycopy(content, 0, seed, 1, content.length);
            return seed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A refusal must say which file it is about. */
    static void assertNamesTheFile(RuntimeException refused, String name) {
        if (refused.getMessage() == null || !refused.getMessage().contains(name)) {
            throw new AssertionError("refusal does not name " + name + ": " + refused.getMessage(), refused);
        }
    }
}
