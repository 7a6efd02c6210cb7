package io.wimigrate.executor.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileJournalTest {

    @TempDir
    Path work;

    @Test
    void aLineCutShortByACrashIsLeftOutAndCutOffBeforeTheNextAppend() throws Exception {
        Path plan = work.resolve("plan.yaml");
        FileJournal journal = FileJournal.beside(plan, "sha256:" + "0123456789".repeat(7));
        JournalEntry entry = new JournalEntry("st-1", "create-identity", 1, "t", StepState.APPLIED, null, null, true,
                "done", "2026-01-01T00:00:00Z", "me");
        journal.append(entry);
        Files.writeString(journal.file(), "{\"step\":\"st-2\",\"act", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        assertThat(journal.file()).isEqualTo(work.resolve(".wimigrate/journal/"
                + "0123456789".repeat(4) + ".jsonl"));
        assertThat(journal.load()).containsExactly(entry);
        JournalEntry next = new JournalEntry("st-2", "create-identity", 1, "t", StepState.STARTED, null, null, null,
                null, "2026-01-01T00:00:01Z", "me");
        journal.append(next);
        assertThat(journal.load()).containsExactly(entry, next);
    }
}
