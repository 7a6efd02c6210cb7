package io.wimigrate.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Runs {@code migrate} in-process, as the launcher would, and captures what it prints. */
record Cli(int exitCode, String out, String err) {

    /** The project root: tests run in the module directory, examples live one level up. */
    static final Path PROJECT_ROOT = Path.of("").toAbsolutePath().getParent();

    static Cli run(Path workingDirectory, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Migrate.run(workingDirectory, outStream, errStream, args);
        }
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Cli inProject(String... args) {
        return run(PROJECT_ROOT, args);
    }
}
