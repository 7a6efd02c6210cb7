package io.wimigrate.rewriter;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever a repository's Java sources and build files hold, the rewriter either edits them or notes why not: never an
 * exception, a hang or exhausted memory, and every edit it makes yields a patch. The first byte of an input picks the
 * file it becomes; seeds: the golden corpus's inputs.
 */
class RewriterFuzzTest {

    private static final List<String> FILES = List.of("src/main/java/com/contoso/Fuzz.java", "pom.xml", "build.gradle",
            "build.gradle.kts", "gradle/libs.versions.toml");

    @TempDir
    static Path repo;

    static Stream<byte[]> goldenInputs() throws IOException {
        try (Stream<Path> walk = Files.walk(Path.of("src/test/resources/golden"))) {
            return walk.filter(Files::isRegularFile).filter(path -> path.toString().contains("/in/")).sorted()
                    .map(RewriterFuzzTest::seed).toList().stream();
        }
    }

    private static byte[] seed(Path file) {
        String name = file.getFileName().toString();
        int kind = name.endsWith(".java") ? 0 : name.equals("pom.xml") ? 1 : name.endsWith(".gradle") ? 2
                : name.endsWith(".kts") ? 3 : 4;
        try {
            byte[] content = Files.readAllBytes(file);
            byte[] seed = new byte[content.length + 1];
            seed[0] = (byte) kind;
            System.arraycopy(content, 0, seed, 1, content.length);
            return seed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @MethodSource("goldenInputs")
    @FuzzTest
    void rewritesOrNotesEveryFile(byte[] input) throws IOException {
        String relative = FILES.get(input.length == 0 ? 0 : Math.floorMod(input[0], FILES.size()));
        for (String other : FILES) {
            Files.deleteIfExists(repo.resolve(other));
        }
        Path file = repo.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length));

        RewriteResult result = new RepoRewriter().rewrite(repo);

        for (FileRewrite rewrite : result.files()) {
            if (UnifiedDiff.of(rewrite).isEmpty()) {
                throw new AssertionError(relative + ": edits without a patch");
            }
        }
    }
}
