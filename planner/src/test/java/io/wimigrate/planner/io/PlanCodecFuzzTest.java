package io.wimigrate.planner.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.scanner.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any plan file is either read or rejected as invalid ({@link InvalidPlanException}, a {@link BadInputException}):
 * never another exception, a hang or exhausted memory. A plan that reads writes back to a plan that reads equal.
 */
class PlanCodecFuzzTest {

    static Stream<byte[]> examples() throws IOException {
        return Stream.of(Files.readAllBytes(Path.of("").toAbsolutePath().getParent()
                .resolve("examples/expected/plan.yaml")));
    }

    @MethodSource("examples")
    @FuzzTest
    void readsOrRejectsEveryPlan(byte[] input) {
        Plan plan;
        try {
            plan = PlanCodec.read(new String(input, StandardCharsets.UTF_8), "fuzz.yaml");
        } catch (BadInputException rejected) {
            if (!rejected.getMessage().contains("fuzz.yaml")) {
                throw new AssertionError("rejection does not name the file: " + rejected.getMessage(), rejected);
            }
            return;
        }
        if (!PlanCodec.read(PlanCodec.write(plan), "rewritten.yaml").equals(plan)) {
            throw new AssertionError("a plan that reads does not survive writing and reading again");
        }
    }
}
