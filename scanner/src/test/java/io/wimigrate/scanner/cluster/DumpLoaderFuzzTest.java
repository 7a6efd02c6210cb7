package io.wimigrate.scanner.cluster;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wimigrate.scanner.BadInputException;
import io.wimigrate.scanner.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any file in a dump directory is either scanned or refused with a {@link BadInputException} naming it: never another
 * exception, a hang or exhausted memory. Seeds: the example dump's files. The first byte picks YAML or JSON.
 */
class DumpLoaderFuzzTest {

    @TempDir
    static Path dump;

    private static final Path EXAMPLES = Path.of("").toAbsolutePath().getParent().resolve("examples/cluster");

    static Stream<byte[]> examples() throws IOException {
        return Fuzzing.seeds(EXAMPLES);
    }

    /** Loads the classes once, so that the per-input timeout measures the input. */
    @BeforeAll
    static void warmUp() {
        new ClusterScanner().scanDump(EXAMPLES, "examples", true, Progress.NONE);
    }

    @MethodSource("examples")
    @FuzzTest
    void scansOrRefusesEveryFile(byte[] input) throws IOException {
        boolean json = input.length > 0 && (input[0] & 1) == 1;
        Path file = dump.resolve(json ? "fuzz.json" : "fuzz.yaml");
        Files.deleteIfExists(dump.resolve(json ? "fuzz.yaml" : "fuzz.json"));
        Files.write(file, input.length == 0 ? input : java.util.Arrays.copyOfRange(input, 1, input.length));
        try {
            new ClusterScanner().scanDump(dump, "fuzz", true, Progress.NONE);
        } catch (BadInputException refused) {
            Fuzzing.assertNamesTheFile(refused, file.getFileName().toString());
        }
    }
}
