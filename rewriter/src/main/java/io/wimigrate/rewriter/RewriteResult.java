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

    /** One patch for every changed file, for {@code git apply} from the repository root. */
    public String patch() {
        return files.stream().map(UnifiedDiff::of).collect(Collectors.joining());
    }

    /** Writes every changed file in place (each replaced atomically by a complete new copy) and deletes those to go. */
    public void writeTo(Path root) throws IOException {
        for (FileRewrite file : files) {
            if (file.deleted()) {
                Files.deleteIfExists(root.resolve(file.relativePath()));
            } else {
                AtomicFiles.write(root.resolve(file.relativePath()), file.rewritten());
            }
        }
    }
}
