package io.wimigrate.executor.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parallel steps' entries share store writes, and each append still returns only once its own entry is stored. */
class JournalGroupCommitTest {

    @TempDir
    Path work;

    @Test
    void entriesAppendedDuringAWriteGoTogetherInTheNextAndEveryOneIsStoredInOrderPerWriter() throws Exception {
        SlowStore store = new SlowStore(FileJournal.beside(work.resolve("plan.yaml"), "sha256:" + "ab".repeat(32)));
        Journal journal = Journal.of(List.of(store));
        int writers = 8;
        int each = 10;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(pool.submit(() -> {
                for (int i = 0; i < each; i++) {
                    JournalEntry entry = entry("st-" + writer + "-" + i);
                    journal.append(entry);
                    assertThat(store.delegate.load()).as("stored when append returns").contains(entry);
                }
            }));
        }
        for (Future<?> future : done) {
            future.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        List<JournalEntry> stored = store.delegate.load();
        assertThat(stored).hasSize(writers * each).containsExactlyElementsOf(journal.entries());
        for (int w = 0; w < writers; w++) {
            String prefix = "st-" + w + "-";
            assertThat(stored.stream().map(JournalEntry::step).filter(s -> s.startsWith(prefix)).toList())
                    .as("writer %d's entries in its order", w)
                    .containsExactlyElementsOf(IntStream.range(0, each)
                            .mapToObj(i -> prefix + i).toList());
        }
        assertThat(store.writes.size()).as("store writes for %d entries", writers * each)
                .isLessThan(writers * each / 2);
    }

    @Test
    void everyAppendWhoseEntryWasInAFailedWriteSeesTheFailureAndLaterAppendsGoOn() throws Exception {
        SlowStore store = new SlowStore(FileJournal.beside(work.resolve("plan.yaml"), "sha256:" + "cd".repeat(32)));
        Journal journal = Journal.of(List.of(store));
        store.gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        Future<?> first = pool.submit(() -> journal.append(entry("st-first")));
        store.writing.await(10, TimeUnit.SECONDS);
        Future<?> bad = pool.submit(() -> journal.append(entry("st-bad")));
        Future<?> other = pool.submit(() -> journal.append(entry("st-other")));
        while (journal.waiting() < 2) {
            Thread.sleep(5);
        }
        store.gate.countDown();

        first.get(30, TimeUnit.SECONDS);
        assertThatThrownBy(() -> bad.get(30, TimeUnit.SECONDS)).hasRootCauseMessage("disk full");
        assertThatThrownBy(() -> other.get(30, TimeUnit.SECONDS)).as("its entry went in the same write")
                .hasRootCauseMessage("disk full");
        journal.append(entry("st-after"));
        pool.shutdown();
        assertThat(store.delegate.load().stream().map(JournalEntry::step)).containsExactly("st-first", "st-after");
        assertThat(journal.entries().stream().map(JournalEntry::step)).containsExactly("st-first", "st-after");
    }

    /**
     * The cluster and the mirror are written at the same time: each store's write here waits until the other's has
     * begun, which a journal writing one store after the other never lets happen.
     */
    @Test
    void theStoresAreWrittenAtTheSameTimeAndAppendReturnsOnceBothHoldTheEntry() {
        CountDownLatch bothWriting = new CountDownLatch(2);
        MeetingStore cluster = new MeetingStore(FileJournal.beside(work.resolve("a/plan.yaml"), "sha256:" + "ef"
                .repeat(32)), bothWriting);
        MeetingStore mirror = new MeetingStore(FileJournal.beside(work.resolve("b/plan.yaml"), "sha256:" + "ef"
                .repeat(32)), bothWriting);
        Journal journal = Journal.of(List.of(cluster, mirror));

        JournalEntry entry = entry("st-both");
        journal.append(entry);

        assertThat(cluster.met).as("the cluster's write saw the mirror's begin").isTrue();
        assertThat(mirror.met).as("the mirror's write saw the cluster's begin").isTrue();
        assertThat(cluster.delegate.load()).containsExactly(entry);
        assertThat(mirror.delegate.load()).containsExactly(entry);
    }

    /** A file journal whose write first waits (up to 10 s) for every store sharing {@code meeting} to be writing. */
    private static final class MeetingStore extends FileBackedStore {
        final CountDownLatch meeting;
        volatile boolean met;

        MeetingStore(FileJournal delegate, CountDownLatch meeting) {
            super(delegate);
            this.meeting = meeting;
        }

        @Override
        public void appendAll(List<JournalEntry> entries) {
            meeting.countDown();
            try {
                met = meeting.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            delegate.appendAll(entries);
        }
    }

    /** A store over a file journal; subclasses put their own behaviour before its writes. */
    private abstract static class FileBackedStore implements JournalStore {
        final FileJournal delegate;

        FileBackedStore(FileJournal delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<JournalEntry> load() {
            return delegate.load();
        }

        @Override
        public void append(JournalEntry entry) {
            appendAll(List.of(entry));
        }
    }

    private static JournalEntry entry(String step) {
        return new JournalEntry(step, "create-identity", 1, "t", StepState.STARTED, null, null, null, null,
                "2026-01-01T00:00:00Z", "me");
    }

    /**
     * A file journal whose writes take a while (or wait for {@code gate}), so appenders pile up behind one; it
     * records each write's size and fails a write that carries a step named {@code st-bad}.
     */
    private static final class SlowStore extends FileBackedStore {
        final List<Integer> writes = new CopyOnWriteArrayList<>();
        final CountDownLatch writing = new CountDownLatch(1);
        volatile CountDownLatch gate = new CountDownLatch(0);

        SlowStore(FileJournal delegate) {
            super(delegate);
        }

        @Override
        public void appendAll(List<JournalEntry> entries) {
            writing.countDown();
            try {
                gate.await(30, TimeUnit.SECONDS);
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (entries.stream().anyMatch(e -> e.step().equals("st-bad"))) {
                throw new UncheckedIOException(new IOException("disk full"));
            }
            writes.add(entries.size());
            delegate.appendAll(entries);
        }
    }
}
