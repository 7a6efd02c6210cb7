package io.wimigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wimigrate.scanner.BadInputException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GracePeriodTest {

    @Test
    void readsShortFormsAndIso8601() {
        assertThat(GracePeriod.parse("--grace", "7d")).isEqualTo(Duration.ofDays(7));
        assertThat(GracePeriod.parse("--grace", "36H")).isEqualTo(Duration.ofHours(36));
        assertThat(GracePeriod.parse("--grace", "90m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GracePeriod.parse("--grace", "0s")).isZero();
        assertThat(GracePeriod.parse("--grace", "P2DT3H")).isEqualTo(Duration.ofHours(51));
    }

    @Test
    void anythingElseIsBadInputNamingTheOptionAndExit2() {
        assertThatThrownBy(() -> GracePeriod.parse("--grace", "-PT1H")).isInstanceOf(BadInputException.class)
                .hasMessage("--grace -PT1H: not a duration; write e.g. 7d, 36h, 90m, 0s or P7D");
        Cli finalize = Cli.inProject("finalize", "plan.yaml", "--grace", "a week");
        assertThat(finalize.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(finalize.err()).contains("--grace a week: not a duration");
    }
}
