package io.wimigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One {@code migrate} child process against a {@link DemoWorld}: its exit code and output (stdout and stderr). */
record MigrateRun(int exit, String output) {

    static MigrateRun of(DemoWorld world, List<String> args) {
        try {
            Process process = world.migrate(Cli.PROJECT_ROOT, args).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
            return new MigrateRun(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
