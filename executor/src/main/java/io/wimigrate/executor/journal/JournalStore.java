package io.wimigrate.executor.journal;

import java.util.List;

/** Where journal entries are kept durably; {@link #append} returns only once the entry is stored. */
public interface JournalStore {

    /** Every entry, in the order appended. */
    List<JournalEntry> load();

    void append(JournalEntry entry);

    /** Stores {@code entries} in order, as one write where the store can. */
    default void appendAll(List<JournalEntry> entries) {
        entries.forEach(this::append);
    }
}
