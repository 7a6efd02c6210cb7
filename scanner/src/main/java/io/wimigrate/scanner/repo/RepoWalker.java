package io.wimigrate.scanner.repo;

import io.wimigrate.scanner.DaemonThreads;
import io.wimigrate.scanner.Futures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * Walks a repository's text files in a stable order. Honours .gitignore files (nested ones apply below their
 * directory) and .git/info/exclude, never enters .git, follows directory symlinks once (after the real directories, so
 * a file is reported under its real path when it has one) and reports loops; skips binary and oversize files.
 * Problems become warnings in the report, never exceptions.
 */
public final class RepoWalker {

    /** Larger files are generated or data: skipped with a warning. Big package-lock.json files still fit. */
    public static final long DEFAULT_MAX_BYTES = 8L * 1024 * 1024;

    private static final int BINARY_PROBE_BYTES = 8 * 1024;
    private static final int READ_AHEAD = 64;

    private final FileContentReader reader;
    private final long maxBytes;

    public RepoWalker() {
        this(FileContentReader.FILE_SYSTEM, DEFAULT_MAX_BYTES);
    }

    public RepoWalker(FileContentReader reader, long maxBytes) {
        this.reader = reader;
        this.maxBytes = maxBytes;
    }

    /**
     * A file the walk found and did not read: {@code throughLink} when it is a symbolic link or lies in a directory
     * the walk entered through one (its real path is then not {@code relativePath} under the root).
     */
    public record FoundFile(Path path, String relativePath, boolean throughLink) {
    }

    /**
     * Hands every regular file under {@code root} whose relative path {@code wanted} accepts, and that is not
     * oversize, to {@code onFile} in walk order without reading it, for tools that read the bytes themselves
     * ({@link #textBytes}), maybe on other threads. What the walk cannot reach is left out.
     */
    public void findFiles(Path root, Predicate<String> wanted, Consumer<FoundFile> onFile) {
        walk(root, new ScanReport("."), wanted, onFile, null);
    }

    /** The bytes of a file {@link #findFiles} found; null when it cannot be read or is binary. */
    public byte[] textBytes(FoundFile file) {
        byte[] bytes;
        try {
            bytes = reader.read(file.path());
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return isBinary(bytes) ? null : bytes;
    }

    /**
     * Feeds every readable text file under {@code root} to {@code onFile}; returns how many files were walked. Whatever
     * cannot be read below the root becomes a warning in the report.
     */
    int walk(Path root, ScanReport report, Consumer<RepoFile> onFile) {
        return walkInStages(root, report, file -> () -> onFile.accept(file));
    }

    /**
     * As {@link #walk(Path, ScanReport, Consumer)}, in two stages: {@code onRead} runs on a reading thread as soon as a
     * file is read, and what it returns runs on the walking thread, in walk order.
     */
    int walkInStages(Path root, ScanReport report, Function<RepoFile, Runnable> onRead) {
        return walk(root, report, relative -> true, null, onRead);
    }

    private int walk(Path root, ScanReport report, Predicate<String> wanted, Consumer<FoundFile> onFound,
                     Function<RepoFile, Runnable> onRead) {
        Walk walk = new Walk(report, wanted, onFound, onRead);
        try {
            Deque<IgnoreScope> scopes = new ArrayDeque<>();
            IgnoreNode excludes = walk.readIgnoreRules(root.resolve(".git/info/exclude"), ".git/info/exclude");
            if (excludes != null) {
                scopes.push(new IgnoreScope("", excludes));
            }
            walk.directory(root, "", scopes, Set.of(), false);
            walk.linkedDirectories();
            walk.handOver(0);
        } finally {
            walk.readers.shutdownNow();
        }
        return walk.filesWalked;
    }

    private record IgnoreScope(String directory, IgnoreNode rules) {
    }

    /** A symlink to a directory, walked after every real directory so that files keep their real paths. */
    private record Link(Path path, String relative, Deque<IgnoreScope> scopes, Set<Path> ancestors) {
    }

    private final class Walk {
        private final ScanReport report;
        private final Predicate<String> wanted;
        private final Consumer<FoundFile> onFound;
        private final Function<RepoFile, Runnable> onRead;
        private final Set<Path> visitedDirectories = new HashSet<>();
        private final Deque<Link> links = new ArrayDeque<>();
        /**
         * Files are read and decoded on these threads, up to {@value #READ_AHEAD} ahead of the one handed to
         * the walking thread (in walk order): reading was most of a scan of a large repository.
         */
        private final ExecutorService readers = Executors.newFixedThreadPool(
                Runtime.getRuntime().availableProcessors(), DaemonThreads.named("wimigrate-read"));
        private final Deque<CompletableFuture<Read>> reads = new ArrayDeque<>();
        private int filesWalked;

        /** Exactly one of {@code onFound} (files not read) and {@code onRead} (decoded text) is set. */
        Walk(ScanReport report, Predicate<String> wanted, Consumer<FoundFile> onFound,
             Function<RepoFile, Runnable> onRead) {
            this.report = report;
            this.wanted = wanted;
            this.onFound = onFound;
            this.onRead = onRead;
        }

        /**
         * {@code ancestors} are the real paths of the directories above this one, as the walk reached it;
         * {@code throughLink} when it or one of them below the root was reached through a symbolic link.
         */
        void directory(Path dir, String relativeDir, Deque<IgnoreScope> scopes, Set<Path> ancestors,
                       boolean throughLink) {
            Path real;
            try {
                real = dir.toRealPath();
            } catch (IOException e) {
                report.warning(relativeDir.isEmpty() ? "." : relativeDir, 0, 0,
                        "Directory cannot be resolved (" + e.getClass().getSimpleName() + "); its files were not scanned.");
                return;
            }
            visitedDirectories.add(real);
            Set<Path> withThis = new HashSet<>(ancestors);
            withThis.add(real);
            IgnoreNode rules = readIgnoreRules(dir.resolve(".gitignore"),
                    relativeDir.isEmpty() ? ".gitignore" : relativeDir + "/.gitignore");
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
                entry(entry, name, relative, scopes, withThis, throughLink);
            }
            if (rules != null) {
                scopes.pop();
            }
        }

        /**
         * Follows directory symlinks once every real directory is done: a link to a directory above it on its path is
         * a loop (reported), a link to a directory already walked adds nothing, any other is walked like a directory
         * of the tree.
         */
        void linkedDirectories() {
            while (!links.isEmpty()) {
                Link link = links.poll();
                Path target;
                try {
                    target = link.path().toRealPath();
                } catch (IOException e) {
                    report.warning(link.relative(), 0, 0, "Symlink cannot be resolved (" + e.getClass().getSimpleName()
                            + "); not followed.");
                    continue;
                }
                if (link.ancestors().contains(target)) {
                    report.warning(link.relative(), 0, 0,
                            "Symlink loop: this directory links back to one of its parents; not followed.");
                } else if (!visitedDirectories.contains(target)) {
                    directory(link.path(), link.relative(), link.scopes(), link.ancestors(), true);
                }
            }
        }

        private void entry(Path entry, String name, String relative, Deque<IgnoreScope> scopes, Set<Path> ancestors,
                           boolean throughLink) {
            BasicFileAttributes attributes;
            boolean link;
            try {
                // One system call for what is not a link (nearly everything), which a link's target then follows.
                attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                link = attributes.isSymbolicLink();
                if (link) {
                    attributes = Files.readAttributes(entry, BasicFileAttributes.class);
                }
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
                if (link) {
                    links.add(new Link(entry, relative, new ArrayDeque<>(scopes), ancestors));
                } else {
                    directory(entry, relative, scopes, ancestors, throughLink);
                }
            } else if (!ignored(scopes, relative, false)) {
                filesWalked++;
                if (attributes.isRegularFile()) {
                    file(entry, relative, attributes.size(), throughLink || link);
                } else {
                    report.warning(relative, 0, 0, "Not a regular file (pipe, socket or device); not scanned.");
                }
            }
        }

        private void file(Path file, String relative, long size, boolean throughLink) {
            if (!wanted.test(relative)) {
                return;
            }
            if (size > maxBytes) {
                report.warning(relative, 0, 0, "File is larger than " + maxBytes + " bytes; not scanned.");
                return;
            }
            if (onFound != null) {
                onFound.accept(new FoundFile(file, relative, throughLink));
                return;
            }
            reads.add(CompletableFuture.supplyAsync(() -> read(file, relative, onRead), readers));
            handOver(READ_AHEAD);
        }

        /** Hands the files read over, oldest first, until at most {@code left} are still being read. */
        void handOver(int left) {
            while (reads.size() > left) {
                Read read = Futures.join(reads.poll());
                if (read.warning() != null) {
                    report.warning(read.relative(), 0, 0, read.warning());
                }
                if (read.handOver() != null) {
                    read.handOver().run();
                }
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

        IgnoreNode readIgnoreRules(Path file, String relative) {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            IgnoreNode rules = new IgnoreNode();
            try {
                rules.parse(new ByteArrayInputStream(reader.read(file)));
            } catch (IOException e) {
                report.warning(relative, 0, 0,
                        "Ignore rules cannot be read (" + e.getClass().getSimpleName() + "); they were not applied.");
                return null;
            }
            return rules;
        }
    }

    /** A file read: what runs on the walking thread unless it is binary or unreadable, and what to warn about it. */
    private record Read(String relative, Runnable handOver, String warning) {
    }

    private Read read(Path file, String relative, Function<RepoFile, Runnable> onRead) {
        byte[] bytes;
        try {
            bytes = reader.read(file);
        } catch (IOException | RuntimeException e) {
            return new Read(relative, null,
                    "File cannot be read (" + e.getClass().getSimpleName() + "); it was not scanned.");
        }
        if (isBinary(bytes)) {
            return new Read(relative, null, null);
        }
        // Most source is ASCII, which the String constructor copies as it is: each byte became one character, and
        // none was invalid (replaced by U+FFFD). The rest goes through the strict decoder.
        String text = new String(bytes, StandardCharsets.UTF_8);
        String warning = null;
        if (text.length() != bytes.length || text.indexOf('\uFFFD') >= 0) {
            try {
                text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                // Replacement characters never match a token, and line breaks survive, so positions stay right.
                warning = "File is not valid UTF-8; scanned with invalid bytes replaced.";
            }
            text = stripByteOrderMark(text);
        }
        return new Read(relative, onRead.apply(new RepoFile(file, relative, text)), warning);
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
