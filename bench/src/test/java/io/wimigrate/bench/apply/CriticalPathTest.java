package io.wimigrate.bench.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.planner.io.PlanCodec;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CriticalPathTest {

    @Test
    void theExamplesPlansLongestChainIsTheIdentityWithTheMostCredentialsAfterThreeBarrierReads() {
        CriticalPath path = CriticalPath.of(PlanCodec.read(Path.of("").toAbsolutePath().getParent()
                .resolve("examples/expected/plan.yaml")), Duration.ofMillis(200), Duration.ofMillis(50));

        // id-orders-processor and id-orders-servicebus get two credentials each; the plan checks Azure in phase 0.
        assertThat(path.longestChain()).isEqualTo(2);
        assertThat(path.requests()).isEqualTo(3 + 2 * 2);
        assertThat(path.bound()).isEqualTo(Duration.ofMillis(7 * 200 + 2 * 50));
    }
}
