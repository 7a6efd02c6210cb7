package io.wimigrate.scanner.repo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * Walks a repository's text files in a stable order. Honours .gitignore files (nested ones apply below their
 * directory), never enters .git, follows directory symlinks once and reports loops; skips binary and oversize files.
 * Problems become warnings in the report, never exceptions.
 */
public final class RepoWalker {

    /** Larger files are generated or data: skipped with a warning. */
    public static final long DEFAULT_MAX_BYTES = 2L * 1024 * 1024;

    private static final int BINARY_PROBE_BYTES = 8 * 1024;

    private final FileContentReader reader;
    private final long maxBytes;

    public RepoWalker() {
        this(FileContentReader.FILE_SYSTEM, DEFAULT_MAX_BYTES);
    }

    public RepoWalker(FileContentReader reader, long maxBytes) {
        this.reader = reader;
        this.maxBytes = maxBytes;
    }

    /** Feeds every readable text file under {@code root} to {@code onFile}; returns how many files were walked. */
    int walk(Path root, ScanReport report, Consumer<RepoFile> onFile) throws IOException {
        Walk walk = new Walk(report, onFile);
        Path realRoot = root.toRealPath();
        walk.directory(root, "", new ArrayDeque<>(), Set.of(realRoot));
        return walk.filesWalked;
    }

    private record IgnoreScope(String directory, IgnoreNode rules) {
    }

    private final class Walk {
        private final ScanReport report;
        private final Consumer<RepoFile> onFile;
        private final Set<Path> visitedDirectories = new HashSet<>();
        private int filesWalked;

        Walk(ScanReport report, Consumer<RepoFile> onFile) {
            this.report = report;
            this.onFile = onFile;
        }

        void directory(Path dir, String relativeDir, Deque<IgnoreScope> scopes, Set<Path> ancestors)
                throws IOException {
            visitedDirectories.add(dir.toRealPath());
            IgnoreNode rules = readIgnoreRules(dir, relativeDir);
            if (rules != null) {
                scopes.push(new IgnoreScope(relativeDir, rules));
            }
            List<Path> entries;
            try (Stream<Path> listing = Files.list(dir)) {
                entries = listing.sorted().toList();
            } catch (IOException e) {
                report.warning(relativeDir.isEmpty() ? "." : relativeDir, 0, 0,
                        "Directory cannot be listed (" + e.getClass().getSimpleName() + "); its files were not scanned.");
                entries = List.of();
            }
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                String relative = relativeDir.isEmpty() ? name : relativeDir + "/" + name;
                entry(entry, name, relative, scopes, ancestors);
            }
            if (rules != null) {
                scopes.pop();
            }
        }

        private void entry(Path entry, String name, String relative, Deque<IgnoreScope> scopes, Set<Path> ancestors)
                throws IOException {
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(entry, BasicFileAttributes.class);
            } catch (IOException e) {
                filesWalked++;
                report.warning(relative, 0, 0, "File cannot be read (" + e.getClass().getSimpleName()
                        + ", for example a dangling symlink); it was not scanned.");
                return;
            }
            if (attributes.isDirectory()) {
                if (name.equals(".git") || ignored(scopes, relative, true)) {
                    return;
                }
                Path real = entry.toRealPath();
                if (ancestors.contains(real)) {
                    report.warning(relative, 0, 0,
                            "Symlink loop: this directory links back to one of its parents; not followed.");
                    return;
                }
                if (visitedDirectories.contains(real)) {
                    return;
                }
                Set<Path> below = new HashSet<>(ancestors);
                below.add(real);
                directory(entry, relative, scopes, below);
            } else if (!ignored(scopes, relative, false)) {
                filesWalked++;
                if (attributes.isRegularFile()) {
                    file(entry, relative, attributes.size());
                } else {
                    report.warning(relative, 0, 0, "Not a regular file (pipe, socket or device); not scanned.");
                }
            }
        }

        private void file(Path file, String relative, long size) {
            if (size > maxBytes) {
                report.warning(relative, 0, 0, "File is larger than " + maxBytes + " bytes; not scanned.");
                return;
            }
            byte[] bytes;
            try {
                bytes = reader.read(file);
            } catch (IOException | RuntimeException e) {
                report.warning(relative, 0, 0,
                        "File cannot be read (" + e.getClass().getSimpleName() + "); it was not scanned.");
                return;
            }
            if (isBinary(bytes)) {
                return;
            }
            onFile.accept(new RepoFile(file, relative, decode(bytes, relative)));
        }

        private String decode(byte[] bytes, String relative) {
            try {
                return stripByteOrderMark(StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString());
            } catch (CharacterCodingException e) {
                // Replacement characters never match a token, and line breaks survive, so positions stay right.
                report.warning(relative, 0, 0, "File is not valid UTF-8; scanned with invalid bytes replaced.");
                return stripByteOrderMark(new String(bytes, StandardCharsets.UTF_8));
            }
        }

        private boolean ignored(Deque<IgnoreScope> scopes, String relative, boolean isDirectory) {
            for (IgnoreScope scope : scopes) {
                String below = scope.directory().isEmpty() ? relative : relative.substring(scope.directory().length() + 1);
                Boolean ignored = scope.rules().checkIgnored(below, isDirectory);
                if (ignored != null) {
                    return ignored;
                }
            }
            return false;
        }

        private IgnoreNode readIgnoreRules(Path dir, String relativeDir) {
            Path gitignore = dir.resolve(".gitignore");
            if (!Files.isRegularFile(gitignore)) {
                return null;
            }
            IgnoreNode rules = new IgnoreNode();
            try {
                rules.parse(new ByteArrayInputStream(reader.read(gitignore)));
            } catch (IOException e) {
                report.warning(relativeDir.isEmpty() ? ".gitignore" : relativeDir + "/.gitignore", 0, 0,
                        ".gitignore cannot be read (" + e.getClass().getSimpleName() + "); its rules were not applied.");
                return null;
            }
            return rules;
        }
    }

    private static boolean isBinary(byte[] bytes) {
        int probe = Math.min(bytes.length, BINARY_PROBE_BYTES);
        for (int i = 0; i < probe; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static String stripByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
