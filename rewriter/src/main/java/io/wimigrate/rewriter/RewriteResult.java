package io.wimigrate.rewriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    /** Writes every changed file in place; each file is replaced atomically by a complete new copy. */
    public void writeTo(Path root) throws IOException {
        for (FileRewrite file : files) {
            Path target = root.resolve(file.relativePath());
            Path temporary = Files.createTempFile(target.getParent(), ".migrate-", ".tmp");
            try {
                Files.write(temporary, file.rewritten().getBytes(StandardCharsets.UTF_8));
                if (Files.getFileStore(target).supportsFileAttributeView("posix")) {
                    Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(target));
                }
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
    }
}
