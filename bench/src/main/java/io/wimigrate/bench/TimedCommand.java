package io.wimigrate.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Runs one process to completion and times it wall-clock, from start to exit, as a user would see it. */
public final class TimedCommand {

    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private TimedCommand() {
    }

    /** Seconds from start to exit; stdout goes to {@code stdout}. A non-zero exit is an error naming the command. */
    public static double seconds(List<String> command, Path stdout, Map<String, String> environment) {
        return seconds(command, stdout, environment, Set.of(0));
    }

    /** As {@link #seconds(List, Path, Map)}, with the exit codes that mean success (grep-like tools exit 1). */
    public static double seconds(List<String> command, Path stdout, Map<String, String> environment,
                                 Set<Integer> success) {
        Path stderr = stdout.resolveSibling(stdout.getFileName() + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(environment);
        try {
            long start = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish in " + TIMEOUT.toMinutes() + " min");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!success.contains(process.exitValue())) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue() + ": "
                        + tail(stderr));
            }
            return seconds;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command.get(0), e);
        }
    }

    static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join(" / ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no stderr: " + e.getMessage() + ")";
        }
    }
}
