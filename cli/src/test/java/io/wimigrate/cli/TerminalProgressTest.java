package io.wimigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {

    private static final long SECOND = 1_000_000_000L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong now = new AtomicLong(5 * SECOND);

    @Test
    void rendersABarOfStepsDoneWithCountsPercentAndElapsedTime() {
        assertThat(TerminalProgress.render("apply phase 2 federation 3/8", 12, 40, Duration.ofSeconds(95), 100))
                .isEqualTo("apply phase 2 federation 3/8 [#######-----------------] 12/40  30% 1:35");
        assertThat(TerminalProgress.render("apply phase 0 preflight 0/1", 0, 40, Duration.ZERO, 100))
                .isEqualTo("apply phase 0 preflight 0/1 [------------------------] 0/40   0% 0:00");
        assertThat(TerminalProgress.render("apply phase 6 cleanup 9/9", 40, 40, Duration.ofSeconds(3725), 100))
                .isEqualTo("apply phase 6 cleanup 9/9 [########################] 40/40 100% 1:02:05");
    }

    @Test
    void anUnknownTotalShowsTheCountOnlyAndALongLabelIsShortenedToTheWidth() {
        assertThat(TerminalProgress.render("scan deployments", 1234, -1, Duration.ofSeconds(7), 80))
                .isEqualTo("scan deployments 1234 0:07");
        String line = TerminalProgress.render("rollback phase 3 kubernetes 17/120 with a much longer label", 5, 10,
                Duration.ofSeconds(1), 60);
        assertThat(line).hasSize(59).isEqualTo("rollback phase 3~ [############------------] 5/10  50% 0:01");
    }

    @Test
    void onATerminalTheLineIsRedrawnInPlaceAtMostTenTimesASecondAndClearedAtTheEnd() {
        TerminalProgress progress = new TerminalProgress(err, TerminalProgress.Mode.TERMINAL, now::get, 80);

        progress.steps("apply phase 1", "apply phase 1 identities 0/4", 0, 10);
        now.addAndGet(SECOND / 20);
        progress.steps("apply phase 1", "apply phase 1 identities 1/4", 1, 10);
        now.addAndGet(SECOND / 5);
        progress.steps("apply phase 1", "apply phase 1 identities 2/4", 2, 10);
        progress.steps("apply phase 6", "apply phase 6 cleanup 1/1", 10, 10);
        progress.close();

        String first = "apply phase 1 identities 0/4 [------------------------] 0/10   0% 0:00";
        String second = "apply phase 1 identities 2/4 [####--------------------] 2/10  20% 0:00";
        String last = "apply phase 6 cleanup 1/1 [########################] 10/10 100% 0:00";
        assertThat(output()).as("the update 50 ms after the first is skipped; the complete one is not").isEqualTo(
                "\r" + first + "\r" + second + "\r" + last + " ".repeat(second.length() - last.length())
                        + "\r" + " ".repeat(last.length()) + "\r");
    }

    @Test
    void elsewhereStepProgressIsPlainLinesWhenAPhaseBeginsOrEndsAndEveryTenSeconds() {
        TerminalProgress progress = new TerminalProgress(err, TerminalProgress.Mode.PLAIN, now::get, 80);

        progress.steps("apply phase 1", "apply phase 1 identities 0/3", 0, 5);
        now.addAndGet(SECOND);
        progress.steps("apply phase 1", "apply phase 1 identities 1/3", 1, 5);
        now.addAndGet(10 * SECOND);
        progress.steps("apply phase 1", "apply phase 1 identities 2/3", 2, 5);
        progress.steps("apply phase 2", "apply phase 2 federation 0/2", 3, 5);
        progress.steps("apply phase 2", "apply phase 2 federation 2/2", 5, 5);
        progress.update("scan pods", 10, 20);
        progress.close();

        assertThat(output()).doesNotContain("\r").isEqualTo(String.join("\n",
                "apply phase 1 identities 0/3 [------------------------] 0/5   0% 0:00",
                "apply phase 1 identities 2/3 [#########---------------] 2/5  40% 0:11",
                "apply phase 2 federation 0/2 [##############----------] 3/5  60% 0:11",
                "apply phase 2 federation 2/2 [########################] 5/5 100% 0:11", ""));
    }

    @Test
    void offDrawsNothing() {
        TerminalProgress progress = new TerminalProgress(err, TerminalProgress.Mode.OFF, now::get, 80);
        progress.update("scan pods", 1, 2);
        progress.steps("apply phase 1", "apply phase 1 identities 1/1", 1, 1);
        progress.close();
        assertThat(output()).isEmpty();
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
