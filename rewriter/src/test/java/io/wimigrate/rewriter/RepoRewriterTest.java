package io.wimigrate.rewriter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
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
}
