package io.wimigrate.planner.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wimigrate.scanner.BadInputException;
import io.wimigrate.scanner.InputLimits;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Plan files made to exhaust memory or the stack are refused, naming the file; large real plans still read. */
@Timeout(30)
class HostilePlanTest {

    private static final Path EXAMPLE = Path.of("").toAbsolutePath().getParent()
            .resolve("examples/expected/plan.yaml");

    @TempDir
    Path dir;

    /** SnakeYAML's default limit (3 MB) would refuse the plan of a large cluster. */
    @Test
    void aPlanOfMoreThanThreeMegabytesReads() throws Exception {
        String padded = Files.readString(EXAMPLE) + ("# " + "x".repeat(78) + "\n").repeat(50_000);

        assertThat(PlanCodec.read(padded, "big.yaml").steps()).isNotEmpty();
    }

    @Test
    void deepNestingIsRefusedAsAnInvalidPlan() {
        String deep = "apiVersion: wimigrate.io/v1alpha1\nkind: Plan\nheader: " + "[".repeat(10_000)
                + "]".repeat(10_000) + "\n";

        assertThatThrownBy(() -> PlanCodec.read(deep, "deep.yaml")).isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("deep.yaml").hasMessageContaining("not YAML");
    }

    @Test
    void aBillionLaughsPlanIsRefused() {
        StringBuilder yaml = new StringBuilder("a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            yaml.append(c).append(": &").append(c).append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(9, "*" + (char) (c - 1)))).append("]\n");
        }

        assertThatThrownBy(() -> PlanCodec.read(yaml.toString(), "lol.yaml"))
                .isInstanceOf(InvalidPlanException.class).hasMessageContaining("lol.yaml");
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedWithoutReadingIt() throws Exception {
        Path huge = dir.resolve("plan.yaml");
        try (RandomAccessFile sparse = new RandomAccessFile(huge.toFile(), "rw")) {
            sparse.setLength(InputLimits.MAX_FILE_BYTES + 1);
        }

        assertThatThrownBy(() -> PlanCodec.read(huge)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(huge + " is 128 MiB, larger than the 128 MiB a file may have");
    }
}
