package io.wimigrate.executor.journal;

import io.wimigrate.scanner.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The local mirror: one JSON line per entry, each forced to disk before {@link #append} returns. A last line without
 * its newline is a write cut short by a crash and is left out when reading.
 */
public final class FileJournal implements JournalStore {

    private final Path file;

    public FileJournal(Path file) {
        this.file = file;
    }

    /** {@code <plan directory>/.wimigrate/journal/<digest>.jsonl}. */
    public static FileJournal beside(Path plan, String planDigest) {
        Path directory = plan.toAbsolutePath().getParent().resolve(".wimigrate").resolve("journal");
        return new FileJournal(directory.resolve(ClusterJournal.digestLabel(planDigest) + ".jsonl"));
    }

    public Path file() {
        return file;
    }

    @Override
    public List<JournalEntry> load() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            String text = Files.readString(file);
            List<JournalEntry> entries = new ArrayList<>();
            int start = 0;
            for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
                if (end > start) {
                    entries.add(JournalCodec.parse(text.substring(start, end), file.toString()));
                }
                start = end + 1;
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void append(JournalEntry entry) {
        appendAll(List.of(entry));
    }

    /** The entries' lines, forced to disk once. */
    @Override
    public void appendAll(List<JournalEntry> entries) {
        StringBuilder text = new StringBuilder();
        entries.forEach(entry -> text.append(JournalCodec.line(entry)).append('\n'));
        byte[] line = text.toString().getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                dropTornLine(channel);
                channel.position(channel.size());
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** A crash in the middle of a write leaves a line without its newline: cut it off before appending after it. */
    private static void dropTornLine(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0 || lastByte(channel, size) == '\n') {
            return;
        }
        long end = size - 1;
        while (end > 0 && lastByte(channel, end) != '\n') {
            end--;
        }
        channel.truncate(end);
    }

    private static byte lastByte(FileChannel channel, long size) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        channel.read(one, size - 1);
        return one.get(0);
    }

    /** Makes the mirror hold exactly {@code entries} (the cluster's copy, which another machine may have extended). */
    public void replaceWith(List<JournalEntry> entries) {
        StringBuilder text = new StringBuilder();
        entries.forEach(entry -> text.append(JournalCodec.line(entry)).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write journal " + file + ": " + e.getMessage(), e);
        }
    }
}
