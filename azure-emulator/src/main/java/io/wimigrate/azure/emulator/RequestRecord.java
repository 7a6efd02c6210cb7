package io.wimigrate.azure.emulator;

import java.time.Instant;

/** One served request; the query is kept because it never carries secrets (token requests carry them in the body). */
public record RequestRecord(String method, String path, String query, Instant start, Instant end, int status) {

    public boolean overlaps(RequestRecord other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }
}
