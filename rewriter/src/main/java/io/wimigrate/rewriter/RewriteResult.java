package io.wimigrate.rewriter;

import io.wimigrate.scanner.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The files a rewrite changes (only those) and the notes on what it did not change. */
public record RewriteResult(List<FileRewrite> files, List<RewriteNote> notes) {

    public RewriteResult {
        files = List.copyOf(files);
        notes = notes.stream().sorted().distinct().toList();
    }

    /**
     * One patch for every changed file, for {@code git apply} from the repository root, except the files whose diff
     * would copy a hard-coded secret ({@link FileRewrite#showsSecretLiteral()}; noted, changed by --write only).
     */
    public String patch() {
        return files.stream().map(UnifiedDiff::of).filter(diff -> !FileRewrite.showsSecretLiteral(diff))
                .collect(Collectors.joining());
    }

    /**
     * Writes every changed file in place (each replaced atomically by a complete new copy) and deletes those to go. A
     * path that leads out of {@code root} (through {@code ..} or a symbolic link) is refused before anything is written.
     */
    public void writeTo(Path root) throws IOException {
        Path realRoot = root.toRealPath();
        for (FileRewrite file : files) {
            Path target = root.resolve(file.relativePath());
            if (!target.toRealPath().equals(realRoot.resolve(file.relativePath()).normalize())
                    || !target.normalize().startsWith(root.normalize())) {
                throw new IOException(file.relativePath() + " leads out of the repository; nothing was written");
            }
        }
        for (FileRewrite file : files) {
            if (file.deleted()) {
                Files.deleteIfExists(root.resolve(file.relativePath()));
            } else {
                AtomicFiles.write(root.resolve(file.relativePath()), file.rewritten());
            }
        }
    }
}
