package io.wimigrate.executor.journal;

/** A journal entry cannot be read back; the message names where it is kept. */
public class CorruptJournalException extends RuntimeException {

    public CorruptJournalException(String message) {
        super(message);
    }
}
