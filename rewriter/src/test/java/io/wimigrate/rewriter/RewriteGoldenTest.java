package io.wimigrate.rewriter;

import static io.wimigrate.scanner.FileTrees.copy;
import static io.wimigrate.scanner.FileTrees.files;
import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.planner.io.PlanCodec;
import io.wimigrate.planner.model.Plan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rewrite corpus: each folder under {@code golden/} holds {@code in/} (a small repository), {@code out/} (only the
 * files the rewrite changes, as they must come out), {@code deleted.txt} (the files it deletes, if any) and
 * {@code notes.txt} (what was left to do by hand). A {@code plan.txt} names a plan (relative to this module) to
 * rewrite with. Regenerate with {@code tools/update-golden} and review the diff.
 */
class RewriteGoldenTest {

    private static final Path CORPUS = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("wimigrate.update-golden");

    @TempDir
    Path work;

    static Stream<String> cases() throws IOException {
        try (Stream<Path> list = Files.list(CORPUS)) {
            return list.filter(Files::isDirectory).map(dir -> dir.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rewritesAsExpected(String name) throws Exception {
        Path input = CORPUS.resolve(name).resolve("in");
        Path expected = CORPUS.resolve(name).resolve("out");
        Path written = copy(input, work.resolve("written"));
        Path patched = copy(input, work.resolve("patched"));

        Path planFile = CORPUS.resolve(name).resolve("plan.txt");
        String planPath = Files.exists(planFile) ? Files.readString(planFile).strip() : null;
        Plan plan = planPath == null ? null : PlanCodec.read(Path.of(planPath));
        RewriteResult result = new RepoRewriter().rewrite(written, plan, planPath);
        result.writeTo(written);
        GitApply.checkAndApply(patched, result.patch());

        List<String> changed = result.files().stream().filter(file -> !file.deleted()).map(FileRewrite::relativePath)
                .sorted().toList();
        List<String> deleted = result.files().stream().filter(FileRewrite::deleted).map(FileRewrite::relativePath)
                .sorted().toList();
        Path deletedList = CORPUS.resolve(name).resolve("deleted.txt");
        if (UPDATE) {
            deleteTree(expected);
            for (String path : changed) {
                Files.createDirectories(expected.resolve(path).getParent());
                Files.copy(written.resolve(path), expected.resolve(path));
            }
            Files.writeString(CORPUS.resolve(name).resolve("notes.txt"), render(result.notes()));
            Files.deleteIfExists(deletedList);
            if (!deleted.isEmpty()) {
                Files.writeString(deletedList, deleted.stream().map(path -> path + "\n").collect(Collectors.joining()));
            }
        }
        assertThat(changed).as("changed files").isEqualTo(files(expected));
        assertThat(deleted).as("deleted files")
                .isEqualTo(Files.exists(deletedList) ? Files.readAllLines(deletedList) : List.of());
        List<String> leftOutOfPatch = result.files().stream().filter(FileRewrite::showsSecretLiteral)
                .map(FileRewrite::relativePath).toList();
        for (String path : files(input)) {
            if (deleted.contains(path)) {
                assertThat(written.resolve(path)).as("%s deleted in place", path).doesNotExist();
                assertThat(patched.resolve(path)).as("%s deleted by git apply", path).doesNotExist();
                continue;
            }
            Path want = changed.contains(path) ? expected.resolve(path) : input.resolve(path);
            assertThat(Files.readAllBytes(written.resolve(path))).as("%s written in place", path)
                    .isEqualTo(Files.readAllBytes(want));
            // A diff that would show a hard-coded secret is left out of the patch; --write still changes the file.
            Path wantPatched = leftOutOfPatch.contains(path) ? input.resolve(path) : want;
            assertThat(Files.readAllBytes(patched.resolve(path))).as("%s after git apply", path)
                    .isEqualTo(Files.readAllBytes(wantPatched));
        }
        assertThat(render(result.notes())).isEqualTo(Files.readString(CORPUS.resolve(name).resolve("notes.txt")));
        assertCompiles(written, changed.stream().filter(path -> path.endsWith(".java")).toList());

        RewriteResult again = new RepoRewriter().rewrite(written, plan, planPath);
        assertThat(again.files()).as("a second run changes nothing").isEmpty();
    }

    /** One line a note; a fix follows as one indented line a replacement ({@code from-to -> text}). */
    static String render(List<RewriteNote> notes) {
        return notes.stream().map(note -> note.path() + ":" + note.line() + ":" + note.column() + " " + note.code()
                + " " + note.message() + "\n" + (note.fix() == null ? "" : note.fix().replacements().stream()
                        .map(r -> "  fix " + r.startLine() + ":" + r.startColumn() + "-" + r.endLine() + ":"
                                + r.endColumn() + " -> " + r.text() + "\n")
                        .collect(Collectors.joining())))
                .collect(Collectors.joining());
    }

    private static void assertCompiles(Path root, List<String> javaFiles) throws IOException {
        if (javaFiles.isEmpty()) {
            return;
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            Path classes = Files.createDirectories(root.resolve("../classes-" + root.getFileName()));
            // Annotation processing stays on: Lombok classes in the corpus need theirs to compile.
            List<String> options = List.of("-classpath", testClassPath(), "-d", classes.toString(),
                    "--release", "17");
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(
                    javaFiles.stream().map(root::resolve).toList());
            boolean ok = compiler.getTask(null, files, diagnostics, options, null, units).call();
            assertThat(ok).as("rewritten Java compiles: %s", diagnostics.getDiagnostics()).isTrue();
        }
    }

    /** Surefire runs the tests from a manifest-only jar; it names the real class path in this property. */
    private static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> paths = new ArrayList<>(walk.toList());
            paths.sort((a, b) -> b.getNameCount() - a.getNameCount());
            for (Path path : paths) {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
