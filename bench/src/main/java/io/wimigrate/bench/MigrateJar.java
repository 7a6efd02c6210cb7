package io.wimigrate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real {@code migrate} CLI, run in a fresh JVM as a user runs it: through the {@code migrate} script, so with its
 * JVM options and class-data-sharing archive.
 */
public final class MigrateJar {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MigrateJar() {
    }

    /**
     * {@code JAVA_OPTS="[jvmOptions] [GC log to gcLog]" ./migrate args...}, run from the repo root; the CLI jar must be
     * built (and its archive made: run {@code ./migrate --version} once) before anything is timed.
     */
    public static List<String> command(List<String> jvmOptions, Path gcLog, String... args) {
        Path jar = Path.of("cli/target/migrate.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no CLI jar at " + jar + ": build it with ./mvnw -pl cli -am package");
        }
        List<String> options = new ArrayList<>(jvmOptions);
        options.addAll(GcLog.options(gcLog));
        List<String> command = new ArrayList<>(List.of("env", "JAVA_OPTS=" + String.join(" ", options),
                Path.of("migrate").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** The scan's JSON inventory as a tree. */
    public static JsonNode inventory(Path json) {
        try {
            return JSON.readTree(json.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("the scan's output " + json + " is not JSON", e);
        }
    }

    public static int findingCount(Path json) {
        return inventory(json).path("findings").size();
    }
}
