package io.wimigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares output with a committed golden file. Regenerate every golden file with {@code tools/update-golden}
 * (it sets {@code -Dwimigrate.update-golden=true}); the change then shows up in the diff a reviewer reads.
 */
final class Golden {

    private static final boolean UPDATE = Boolean.getBoolean("wimigrate.update-golden");

    private Golden() {
    }

    static void assertMatches(String actual, Path golden) throws IOException {
        if (UPDATE) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual);
        }
        assertThat(golden).as("golden file %s (regenerate with tools/update-golden)", golden).exists();
        assertThat(actual).as("output differs from %s; if intended, run tools/update-golden", golden)
                .isEqualTo(Files.readString(golden));
    }
}
