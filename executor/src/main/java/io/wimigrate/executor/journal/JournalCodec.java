package io.wimigrate.executor.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** One journal entry as one line of JSON, the same in the cluster and in the local mirror. */
final class JournalCodec {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private JournalCodec() {
    }

    static String line(JournalEntry entry) {
        try {
            return JSON.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("journal entries are plain records", e);
        }
    }

    static JournalEntry parse(String line, String where) {
        try {
            return JSON.readValue(line, JournalEntry.class);
        } catch (JsonProcessingException e) {
            throw new CorruptJournalException(where + ": not a journal entry: " + e.getOriginalMessage());
        }
    }
}
