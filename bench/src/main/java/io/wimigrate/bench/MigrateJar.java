package io.wimigrate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real {@code migrate} CLI jar, run in a fresh JVM as a user runs it (the {@code migrate} script execs the same). */
public final class MigrateJar {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MigrateJar() {
    }

    /** {@code java [jvmOptions] [GC log to gcLog] -jar cli/target/migrate.jar args...}, run from the repo root. */
    public static List<String> command(List<String> jvmOptions, Path gcLog, String... args) {
        Path jar = Path.of(System.getProperty("wimigrate.jar", "cli/target/migrate.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no CLI jar at " + jar + ": build it with ./mvnw -pl cli -am package");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(GcLog.options(gcLog));
        command.addAll(List.of("-jar", jar.toString()));
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
