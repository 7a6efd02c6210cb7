package io.wimigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DebugOptionTest {

    @TempDir
    Path work;

    @Test
    void withDebugAFailureShowsItsCauseChainByTypeAndFrame() throws Exception {
        Files.createDirectories(work.resolve("dump"));
        Files.writeString(work.resolve("dump/bad.yaml"), "kind: Pod\n  : [\n");

        Cli plain = Cli.run(work, "scan", "--from-dump", "dump");
        Cli before = Cli.run(work, "--debug", "scan", "--from-dump", "dump");
        Cli after = Cli.run(work, "scan", "--from-dump", "dump", "--debug");

        assertThat(plain.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(plain.err()).contains("error: ").doesNotContain("debug:");
        for (Cli debug : new Cli[] {before, after}) {
            assertThat(debug.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(debug.err()).startsWith(plain.err())
                    .contains("debug: failure: io.wimigrate.scanner.BadInputException", "    at io.wimigrate.");
        }
    }

    @Test
    void theTraceLeavesOutEveryMessage() {
        Exception failure = new IllegalStateException("outer-message",
                new java.io.IOException("inner-message"));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        FailureTrace.print(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8), failure);
        String trace = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(trace).contains("debug: failure: java.lang.IllegalStateException",
                "debug: caused by: java.io.IOException", "    at io.wimigrate.cli.DebugOptionTest")
                .doesNotContain("outer-message", "inner-message");
    }
}
