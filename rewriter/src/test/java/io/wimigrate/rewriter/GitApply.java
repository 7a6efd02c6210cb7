package io.wimigrate.rewriter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the real {@code git apply} on a patch in a directory made a git repository for the purpose. */
final class GitApply {

    private GitApply() {
    }

    /** Checks the patch applies to {@code tree} (made a git repository), then applies it; an empty patch is nothing. */
    static void checkAndApply(Path tree, String patch) throws IOException, InterruptedException {
        if (patch.isEmpty()) {
            return;
        }
        run(tree, "git", "init", "-q");
        Path file = Files.createTempFile("rewrite-", ".patch");
        try {
            Files.writeString(file, patch, StandardCharsets.UTF_8);
            run(tree, "git", "apply", "--check", file.toString());
            run(tree, "git", "apply", file.toString());
        } finally {
            Files.delete(file);
        }
    }

    private static void run(Path directory, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(command));
        Process process = new ProcessBuilder(line).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("%s failed: %s", String.join(" ", command), output).isZero();
    }
}
