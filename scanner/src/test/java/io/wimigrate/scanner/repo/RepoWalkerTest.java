package io.wimigrate.scanner.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wimigrate.scanner.model.Diagnostic;
import io.wimigrate.scanner.model.Severity;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class RepoWalkerTest {

    @TempDir
    Path root;

    private final List<RepoFile> files = new ArrayList<>();

    private ScanReport walk(RepoWalker walker) {
        ScanReport report = new ScanReport("repo");
        walker.walk(root, report, files::add);
        return report;
    }

    private List<String> walked() {
        return files.stream().map(RepoFile::relativePath).toList();
    }

    private void write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void gitignoreRulesNestedNegatedAndExcludedAreHonouredAndGitIsSkipped() throws IOException {
        write(".gitignore", "*.log\nbuild/\n/secret-*.yaml\n");
        write("sub/.gitignore", "!keep.log\n");
        write("a.log", "x");
        write("app.yaml", "x");
        write("secret-values.yaml", "x");
        write("sub/secret-values.yaml", "x");
        write("sub/keep.log", "x");
        write("sub/other.log", "x");
        write("build/Gen.java", "x");
        write("sub/build/Gen.java", "x");
        write(".git/config", "x");
        write(".git/info/exclude", "local-*.yaml\n");
        write("sub/local-notes.yaml", "x");
        write(".git/objects/ab/cd", "x");

        ScanReport report = walk(new RepoWalker());

        assertThat(walked()).containsExactly(".gitignore", "app.yaml", "sub/.gitignore", "sub/keep.log",
                "sub/secret-values.yaml");
        assertThat(report.diagnostics()).isEmpty();
    }

    @Test
    void binaryFilesAreSkippedQuietlyAndOversizeFilesWithAWarning() throws IOException {
        Files.write(root.resolve("image.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2});
        write("big.yaml", "a: " + "x".repeat(200));
        write("small.yaml", "a: b");

        ScanReport report = walk(new RepoWalker(FileContentReader.FILE_SYSTEM, 100));

        assertThat(walked()).containsExactly("small.yaml");
        assertThat(report.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.WARNING);
            assertThat(d.subject()).isEqualTo("repo/big.yaml");
        });
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void symlinkLoopIsReportedAndTheWalkEnds(@TempDir Path outside) throws IOException {
        write("a/file.yaml", "x");
        Files.createSymbolicLink(root.resolve("a/loop"), root.resolve("a"));
        Files.createSymbolicLink(root.resolve("a/up"), Path.of(".."));
        Files.createSymbolicLink(root.resolve("a/linked"), root.resolve("shared"));
        write("shared/s.yaml", "x");
        Files.writeString(outside.resolve("o.yaml"), "x");
        Files.createSymbolicLink(outside.resolve("back"), root);
        Files.createSymbolicLink(root.resolve("vendor"), outside);

        ScanReport report = walk(new RepoWalker());

        // Files keep their real path inside the tree; a link leaving the tree is walked under the link's name.
        assertThat(walked()).containsExactly("a/file.yaml", "shared/s.yaml", "vendor/o.yaml");
        assertThat(report.diagnostics()).extracting(Diagnostic::subject)
                .containsExactly("repo/a/loop", "repo/a/up", "repo/vendor/back");
        assertThat(report.diagnostics()).allSatisfy(d -> assertThat(d.message()).contains("Symlink loop"));
        Files.delete(outside.resolve("back"));
    }

    @Test
    void invalidUtf8IsReportedAndStillScannedWithTheLinesIntact() throws IOException {
        Files.write(root.resolve("latin1.properties"),
                "a=caf\u00e9\nAZURE_POD_IDENTITY_AUTHORITY_HOST=x\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        ScanReport report = walk(new RepoWalker());

        assertThat(files).singleElement().satisfies(file ->
                assertThat(file.text().split("\n")[1]).isEqualTo("AZURE_POD_IDENTITY_AUTHORITY_HOST=x"));
        assertThat(report.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.subject()).isEqualTo("repo/latin1.properties");
            assertThat(d.message()).contains("not valid UTF-8");
        });
    }

    @Test
    void filesReadAheadOnOtherThreadsAreHandedOverInWalkOrderAndDecodedExactly() throws IOException {
        List<String> texts = List.of("plain ascii\n", "caf\u00e9 \u65e5\u672c\n", "\uFEFFbyte order mark\n",
                "a real \uFFFD replacement character\n", "emoji \uD83D\uDE00\n", "");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String relative = String.format("d%02d/f%03d.txt", i % 7, i);
            write(relative, texts.get(i % texts.size()));
            expected.add(relative);
        }
        Files.write(root.resolve("d00/invalid.txt"), new byte[] {'o', 'k', (byte) 0xC3, '\n'});
        expected.add("d00/invalid.txt");
        expected.sort(null);

        ScanReport report = walk(new RepoWalker());

        assertThat(walked()).containsExactlyElementsOf(expected);
        for (RepoFile file : files) {
            if (file.relativePath().equals("d00/invalid.txt")) {
                assertThat(file.text()).isEqualTo("ok\uFFFD\n");
                continue;
            }
            int i = Integer.parseInt(file.name().substring(1, 4));
            String written = texts.get(i % texts.size());
            assertThat(file.text()).as(file.relativePath()).isEqualTo(written.replace("\uFEFF", ""));
        }
        assertThat(report.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.subject()).isEqualTo("repo/d00/invalid.txt");
            assertThat(d.message()).contains("not valid UTF-8");
        });
    }

    @Test
    void danglingSymlinkIsReportedAsUnreadable() throws IOException {
        Files.createSymbolicLink(root.resolve("gone.yaml"), root.resolve("missing.yaml"));

        ScanReport report = walk(new RepoWalker());

        assertThat(walked()).isEmpty();
        assertThat(report.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.subject()).isEqualTo("repo/gone.yaml");
            assertThat(d.message()).contains("cannot be read");
        });
    }

    @Test
    void readFailureIsReportedAndTheWalkGoesOn() throws IOException {
        write("locked.yaml", "x");
        write("open.yaml", "y");
        FileContentReader denying = file -> {
            if (file.getFileName().toString().equals("locked.yaml")) {
                throw new AccessDeniedException(file.toString());
            }
            return Files.readAllBytes(file);
        };

        ScanReport report = walk(new RepoWalker(denying, RepoWalker.DEFAULT_MAX_BYTES));

        assertThat(walked()).containsExactly("open.yaml");
        assertThat(report.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.subject()).isEqualTo("repo/locked.yaml");
            assertThat(d.message()).contains("AccessDeniedException");
        });
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void fifoIsReportedNotOpened() throws Exception {
        Path fifo = root.resolve("pipe");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo is not available");
            return;
        }
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");

        ScanReport report = walk(new RepoWalker());

        assertThat(walked()).isEmpty();
        assertThat(report.diagnostics()).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("Not a regular file"));
    }
}
