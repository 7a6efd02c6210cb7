package io.wimigrate.rewriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoRewriterTest {

    private static final String CHAIN_SOURCE = """
            import com.azure.identity.EnvironmentCredentialBuilder;

            class Env {
                Object credential() {
                    return new EnvironmentCredentialBuilder().build();
                }
            }
            """;

    @TempDir
    Path repo;

    @Test
    void ignoredFilesAreLeftAloneAsTheScanLeavesThem() throws Exception {
        Files.writeString(repo.resolve(".gitignore"), "generated/\n");
        Files.createDirectories(repo.resolve("generated"));
        Files.writeString(repo.resolve("generated/Env.java"), CHAIN_SOURCE);
        Files.writeString(repo.resolve("Env.java"), CHAIN_SOURCE);

        RewriteResult result = new RepoRewriter().rewrite(repo);

        assertThat(result.files()).extracting(FileRewrite::relativePath).containsExactly("Env.java");
    }

    @Test
    void aFileThatIsNotUtf8IsNotedAndNeverRewritten() throws Exception {
        byte[] latin1 = ("// caf\u00e9\n" + CHAIN_SOURCE).getBytes(StandardCharsets.ISO_8859_1);
        Files.write(repo.resolve("Env.java"), latin1);

        RewriteResult result = new RepoRewriter().rewrite(repo);
        result.writeTo(repo);

        assertThat(result.files()).isEmpty();
        assertThat(result.notes()).extracting(RewriteNote::code).containsExactly("not-utf8");
        assertThat(Files.readAllBytes(repo.resolve("Env.java"))).isEqualTo(latin1);
    }

    @Test
    void writeReplacesOnlyTheChangedFilesAndKeepsTheirPermissions() throws Exception {
        Path changed = Files.writeString(repo.resolve("Env.java"), CHAIN_SOURCE);
        Path untouched = Files.writeString(repo.resolve("Other.java"), "class Other {}\n");
        Files.setPosixFilePermissions(changed, PosixFilePermissions.fromString("rw-r-----"));
        FileTime untouchedModified = Files.getLastModifiedTime(untouched);

        new RepoRewriter().rewrite(repo).writeTo(repo);

        assertThat(Files.readString(changed)).contains("return new DefaultAzureCredentialBuilder().build();")
                .startsWith("import com.azure.identity.DefaultAzureCredentialBuilder;\n\nclass Env {");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(changed)))
                .isEqualTo("rw-r-----");
        assertThat(Files.getLastModifiedTime(untouched)).isEqualTo(untouchedModified);
        try (Stream<Path> left = Files.list(repo)) {
            assertThat(left.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("Env.java", "Other.java");
        }
    }

    @Test
    void filesReachedThroughSymbolicLinksAreNotedAndNeverWritten(@TempDir Path outside) throws Exception {
        Path outsideDir = Files.createDirectories(outside.resolve("shared"));
        Path outsideFile = Files.writeString(outsideDir.resolve("Env.java"), CHAIN_SOURCE);
        Path outsideSingle = Files.writeString(outside.resolve("Single.java"), CHAIN_SOURCE);
        Files.createSymbolicLink(repo.resolve("linked"), outsideDir);
        Files.createSymbolicLink(repo.resolve("Single.java"), outsideSingle);
        Files.writeString(repo.resolve("Env.java"), CHAIN_SOURCE);

        RewriteResult result = new RepoRewriter().rewrite(repo);
        result.writeTo(repo);

        assertThat(result.files()).extracting(FileRewrite::relativePath).containsExactly("Env.java");
        assertThat(result.notes()).filteredOn(note -> note.code().equals("symlink"))
                .extracting(RewriteNote::path).containsExactly("Single.java", "linked/Env.java");
        assertThat(Files.readString(outsideFile)).isEqualTo(CHAIN_SOURCE);
        assertThat(Files.readString(outsideSingle)).isEqualTo(CHAIN_SOURCE);
        assertThat(Files.isSymbolicLink(repo.resolve("Single.java"))).isTrue();
        assertThat(Files.readString(repo.resolve("Env.java"))).isNotEqualTo(CHAIN_SOURCE);
    }

    @Test
    void writingAPathThatLeavesTheRepositoryIsRefused(@TempDir Path outside) throws Exception {
        Path target = Files.writeString(outside.resolve("Env.java"), CHAIN_SOURCE);
        Files.createSymbolicLink(repo.resolve("out"), outside);
        RewriteResult escaping = new RewriteResult(List.of(new FileRewrite("out/Env.java", CHAIN_SOURCE,
                List.of(new TextEdit(0, 0, "// changed\n")))), List.of());

        assertThatThrownBy(() -> escaping.writeTo(repo)).isInstanceOf(IOException.class)
                .hasMessage("out/Env.java leads out of the repository; nothing was written");
        assertThat(Files.readString(target)).isEqualTo(CHAIN_SOURCE);
    }
}
