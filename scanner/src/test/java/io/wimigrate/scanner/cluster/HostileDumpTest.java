package io.wimigrate.scanner.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wimigrate.scanner.BadInputException;
import io.wimigrate.scanner.InputLimits;
import io.wimigrate.scanner.Progress;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Dump files made to exhaust memory, the stack or time are refused quickly, naming the file. */
@Timeout(30)
class HostileDumpTest {

    @TempDir
    Path dir;

    private void load() {
        new DumpLoader(false).load(dir, "dump", Progress.NONE);
    }

    @Test
    void billionLaughsNeedsMoreAliasesThanAllowed() throws IOException {
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n");
        yaml.append("  a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            String previous = "*" + (char) (c - 1);
            yaml.append("  ").append(c).append(": &").append(c).append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(9, previous))).append("]\n");
        }
        Files.writeString(dir.resolve("lol.yaml"), yaml);

        assertThatThrownBy(this::load).isInstanceOf(BadInputException.class).hasMessageStartingWith("lol.yaml")
                .hasMessageContaining("aliases");
    }

    /** 25 levels that each use the previous one twice: 50 aliases, 2^25 values once expanded. */
    @Test
    void aDoublingAliasBombWithinTheAliasLimitIsRefused() throws IOException {
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: twice}\ndata:\n");
        yaml.append("  l0: &l0 [x, x]\n");
        for (int level = 1; level <= 25; level++) {
            yaml.append("  l").append(level).append(": &l").append(level).append(" [*l").append(level - 1)
                    .append(", *l").append(level - 1).append("]\n");
        }
        Files.writeString(dir.resolve("twice.yaml"), yaml);

        assertThatThrownBy(this::load).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("twice.yaml: aliases expand it beyond");
    }

    @Test
    void aCollectionContainingItselfIsRefused() throws IOException {
        Files.writeString(dir.resolve("loop.yaml"), "apiVersion: v1\nkind: List\nitems: &items [*items]\n");

        assertThatThrownBy(this::load).isInstanceOf(BadInputException.class).hasMessageStartingWith("loop.yaml");
    }

    @Test
    void deepYamlNestingIsRefusedBeforeBuildingTheDocument() throws IOException {
        Files.writeString(dir.resolve("deep.yaml"), "apiVersion: v1\nkind: Pod\nspec: " + "[".repeat(50_000)
                + "]".repeat(50_000) + "\n");

        assertThatThrownBy(this::load).isInstanceOf(BadInputException.class)
                .hasMessage("deep.yaml:3: nested deeper than " + InputLimits.MAX_NESTING_DEPTH
                        + " levels: refused (a Kubernetes object nests about 15)");
    }

    @Test
    void deepJsonNestingIsRefused() throws IOException {
        Files.writeString(dir.resolve("deep.json"), "{\"kind\": \"Pod\", \"apiVersion\": \"v1\", \"spec\": "
                + "[".repeat(50_000) + "]".repeat(50_000) + "}");

        assertThatThrownBy(this::load).isInstanceOf(BadInputException.class).hasMessageStartingWith("deep.json:")
                .hasMessageContaining("nesting depth");
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedWithoutReadingIt() throws IOException {
        try (RandomAccessFile sparse = new RandomAccessFile(dir.resolve("huge.yaml").toFile(), "rw")) {
            sparse.setLength(InputLimits.MAX_FILE_BYTES + 1);
        }

        assertThatThrownBy(this::load).isInstanceOf(BadInputException.class)
                .hasMessage("huge.yaml is 128 MiB, larger than the 128 MiB a file may have: refused (split it into"
                        + " several files)");
    }

    @Test
    void aLargeButOrdinaryDumpStillLoads() throws IOException {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            yaml.append("---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa-").append(i)
                    .append(", namespace: ns, annotations: {note: \"").append("x".repeat(200)).append("\"}}\n");
        }
                Files.writeString(dir.resolve("many.yaml"), yaml);

        assertThat(new DumpLoader(false).load(dir, "dump", Progress.NONE).objects()).hasSize(2_000);
    }
}
