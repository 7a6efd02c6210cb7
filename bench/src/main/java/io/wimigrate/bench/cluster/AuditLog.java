package io.wimigrate.bench.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the requests the API server's audit log recorded between two marks, by verb and resource, for one client
 * (told apart by its user agent: the controllers share the admin credentials but not the agent).
 */
final class AuditLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    AuditLog(Path file) {
        this.file = file;
    }

    long mark() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log " + file, e);
        }
    }

    /** "verb resource" (e.g. "list pods", "get namespaces") to count, for requests from {@code userAgentPrefix}. */
    Map<String, Integer> requests(long from, long to, String userAgentPrefix) {
        Map<String, Integer> counts = new TreeMap<>();
        try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
            byte[] bytes = new byte[Math.toIntExact(to - from)];
            log.seek(from);
            log.readFully(bytes);
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode event = JSON.readTree(line);
                if (!"ResponseComplete".equals(event.path("stage").asText())
                        || !event.path("userAgent").asText().startsWith(userAgentPrefix)) {
                    continue;
                }
                String resource = event.path("objectRef").path("resource").asText(event.path("requestURI").asText());
                counts.merge(event.path("verb").asText() + " " + resource, 1, Integer::sum);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log " + file, e);
        }
        return counts;
    }

    /** Waits (at most {@code maxSeconds}) until the controllers have caught up: the log grows less than 20 KiB/s. */
    void awaitQuiet(int maxSeconds) {
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        long before = mark();
        while (System.nanoTime() < deadline) {
            sleep(2_000);
            long now = mark();
            if (now - before < 40 * 1024) {
                return;
            }
            before = now;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
