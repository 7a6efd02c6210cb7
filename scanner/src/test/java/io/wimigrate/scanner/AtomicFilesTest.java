package io.wimigrate.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void replacesContentAndKeepsPermissions() throws IOException {
        Path script = dir.resolve("run.sh");
        Files.writeString(script, "old\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));

        AtomicFiles.write(script, "new\n");

        assertThat(script).hasContent("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(script))).isEqualTo("rwxr-x---");
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void createsANewFile() throws IOException {
        AtomicFiles.write(dir.resolve("plan.yaml"), "kind: MigrationPlan\n");

        assertThat(dir.resolve("plan.yaml")).hasContent("kind: MigrationPlan");
    }

    @Test
    void aFailedWriteLeavesNoTemporaryFile() throws IOException {
        Path occupied = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(occupied.resolve("inside"), "x");

        assertThatThrownBy(() -> AtomicFiles.write(occupied, "text")).isInstanceOf(IOException.class);
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }
}
