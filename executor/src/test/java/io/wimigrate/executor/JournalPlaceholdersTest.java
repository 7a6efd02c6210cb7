package io.wimigrate.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wimigrate.executor.journal.Journal;
import io.wimigrate.executor.journal.JournalEntry;
import io.wimigrate.executor.journal.JournalStore;
import io.wimigrate.executor.journal.StepState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class JournalPlaceholdersTest {

    /** A journal kept in a list: what a store does is not under test here. */
    private static final class ListStore implements JournalStore {
        private final List<JournalEntry> entries = new ArrayList<>();

        @Override
        public List<JournalEntry> load() {
            return List.copyOf(entries);
        }

        @Override
        public void append(JournalEntry entry) {
            entries.add(entry);
        }
    }

    @Test
    void outputsOfAppliedStepsAndTheClusterIssuerAreFilledIn() {
        Journal journal = Journal.of(List.of(new ListStore()));
        journal.append(new JournalEntry("st-abc", "create-identity", 1, "t", StepState.APPLIED, null,
                new TreeMap<>(Map.of("clientId", "1111-2222")), true, null, "now", "me"));
        Placeholders placeholders = new JournalPlaceholders(journal, Map.of("aks.prod/east", "https://issuer/x/"),
                false);

        assertThat(placeholders.resolve("$(st-abc.clientId)")).isEqualTo("1111-2222");
        assertThat(placeholders.resolve("iss=$(Cluster/aks.prod/east.oidcIssuer) id=$(st-abc.clientId)"))
                .isEqualTo("iss=https://issuer/x/ id=1111-2222");
        assertThat(placeholders.resolve("plain")).isEqualTo("plain");
        assertThatThrownBy(() -> placeholders.resolve("$(st-zzz.clientId)"))
                .isInstanceOf(StepFailedException.class).hasMessageContaining("st-zzz has not been applied");
        assertThat(new JournalPlaceholders(journal, Map.of(), true).resolve("$(st-zzz.clientId)"))
                .as("a dry run keeps what it cannot know yet").isEqualTo("$(st-zzz.clientId)");
    }

    @Test
    void aRevertedStepsOutputsAreNoLongerKnown() {
        Journal journal = Journal.of(List.of(new ListStore()));
        journal.append(new JournalEntry("st-abc", "create-identity", 1, "t", StepState.APPLIED, null,
                new TreeMap<>(Map.of("clientId", "1111-2222")), true, null, "now", "me"));
        journal.append(new JournalEntry("st-abc", "create-identity", 1, "t", StepState.REVERTED, null, null, null,
                null, "later", "me"));

        assertThatThrownBy(() -> new JournalPlaceholders(journal, Map.of(), false).resolve("$(st-abc.clientId)"))
                .isInstanceOf(StepFailedException.class);
    }
}
