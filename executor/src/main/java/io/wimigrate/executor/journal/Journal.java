package io.wimigrate.executor.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.scanner.DaemonThreads;
import io.wimigrate.scanner.Futures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * The write-ahead journal of one plan: every entry goes to each store (the cluster and the local mirror, written at
 * the same time) before {@link #append} returns, and is kept in memory for the questions the executor asks (where a
 * step stands, its recorded prior state, its outputs). When the cluster write fails, the mirror may hold entries the
 * cluster lacks, as after a crash between the two; the next run makes the mirror equal to the cluster's copy again.
 */
public final class Journal {

    /** Writes the stores after the first, each beside the first's write; daemon threads, so they never hold a JVM. */
    private static final Executor BESIDE =
            Executors.newCachedThreadPool(DaemonThreads.named("wimigrate-journal-mirror"));

    private final List<JournalStore> stores;
    private final List<JournalEntry> entries;
    /** Entries waiting for the next store write, in the order they were appended. */
    private final List<Pending> queued = new ArrayList<>();
    /** The entries of the store write under way: after {@link #entries}, before {@link #queued}. */
    private List<JournalEntry> writingNow = List.of();
    /** True while an appender is writing a batch; the next batch is handed to one waiting appender. */
    private boolean writing;

    private Journal(List<JournalStore> stores, List<JournalEntry> entries) {
        this.stores = List.copyOf(stores);
        this.entries = new ArrayList<>(entries);
    }

    /** Reads the cluster's journal and makes the local mirror equal to it; appends go to both. */
    public static Journal durable(ClusterJournal cluster, FileJournal mirror) {
        List<JournalEntry> loaded = cluster.load();
        if (!mirror.load().equals(loaded)) {
            mirror.replaceWith(loaded);
        }
        return new Journal(List.of(cluster, mirror), loaded);
    }

    /** A journal over {@code stores}, read from the first. */
    public static Journal of(List<JournalStore> stores) {
        return new Journal(stores, stores.get(0).load());
    }

    /** What a dry run records: the durable entries so far, and new entries in memory only. */
    public Journal inMemoryCopy() {
        return new Journal(List.of(), entries());
    }

    /** Stores the entry in every store and returns once it is stored. */
    public void append(JournalEntry entry) {
        append(List.of(entry), () -> { });
    }

    /**
     * Stores {@code entries}, in order and in one write, in every store and returns once they are stored;
     * {@code whenQueued} runs as soon as their place in the journal is fixed, before that write: an entry appended
     * after it is stored after them. Entries appended while another write is under way go in the next write together
     * (group commit), so parallel steps do not queue for one store write each. The appender that wrote a batch hands
     * the next one to the first entry waiting, and wakes the others' appenders only to return: the next write does
     * not wait for every appender of the last one to get a turn on a lock.
     */
    public void append(List<JournalEntry> entries, Runnable whenQueued) {
        entries.forEach(entry -> refuseSecretData(entry.prior(), entry.step()));
        Pending mine = new Pending(List.copyOf(entries), new CompletableFuture<>());
        boolean lead;
        synchronized (this) {
            queued.add(mine);
            lead = !writing;
            writing = true;
        }
        whenQueued.run();
        if (lead || awaitTurn(mine)) {
            writeQueued();
        }
    }

    /** Entries waiting for a write, and how their appender learns the outcome: stored (false) or its turn (true). */
    private record Pending(List<JournalEntry> entries, CompletableFuture<Boolean> turn) {
    }

    /** True when this appender must write the next batch; false once its entry is stored; throws if that failed. */
    private static boolean awaitTurn(Pending pending) {
        return Futures.join(pending.turn());
    }

    /**
     * Writes every queued entry (this appender's among them), tells their appenders the outcome, then hands the
     * write of what queued meanwhile to its first appender. Throws the write's failure.
     */
    private void writeQueued() {
        List<Pending> batch;
        List<JournalEntry> written;
        synchronized (this) {
            batch = List.copyOf(queued);
            queued.clear();
            written = batch.stream().flatMap(pending -> pending.entries().stream()).toList();
            writingNow = written;
        }
        RuntimeException failure = null;
        try {
            storeEverywhere(written);
            synchronized (this) {
                entries.addAll(written);
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        Pending next;
        synchronized (this) {
            writingNow = List.of();
            next = queued.isEmpty() ? null : queued.get(0);
            writing = next != null;
        }
        for (Pending pending : batch) {
            if (failure == null) {
                pending.turn().complete(false);
            } else {
                pending.turn().completeExceptionally(failure);
            }
        }
        if (next != null) {
            next.turn().complete(true);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * The batch in every store, the first store's write in this thread and the others' beside it: each write waits
     * for its server or disk (an API server round trip, an fsync), and every step waiting for its entry waits for the
     * slowest of them, not for their sum.
     */
    private void storeEverywhere(List<JournalEntry> batch) {
        List<CompletableFuture<Void>> others = stores.stream().skip(1)
                .map(store -> CompletableFuture.runAsync(() -> store.appendAll(batch), BESIDE)).toList();
        RuntimeException failure = null;
        try {
            if (!stores.isEmpty()) {
                stores.get(0).appendAll(batch);
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        for (CompletableFuture<Void> other : others) {
            try {
                Futures.join(other);
            } catch (RuntimeException cause) {
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Appends waiting for the next store write. */
    synchronized int waiting() {
        return queued.size();
    }

    public synchronized List<JournalEntry> entries() {
        return List.copyOf(entries);
    }

    public synchronized Optional<JournalEntry> latest(String step) {
        return latestIn(entries, step);
    }

    private static Optional<JournalEntry> latestIn(List<JournalEntry> entries, String step) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).step().equals(step)) {
                return Optional.of(entries.get(i));
            }
        }
        return Optional.empty();
    }

    public Optional<StepState> state(String step) {
        return latest(step).map(JournalEntry::state);
    }

    /** The prior state recorded when the step last started (since it was last reverted). */
    public synchronized Optional<ObjectNode> prior(String step) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            JournalEntry entry = entries.get(i);
            if (entry.step().equals(step)) {
                if (entry.state() == StepState.REVERTED) {
                    return Optional.empty();
                }
                if (entry.state() == StepState.STARTED) {
                    return Optional.ofNullable(entry.prior());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Outputs of the step's latest {@link StepState#APPLIED} entry, when that is where it stands, counting entries
     * appended but not stored yet: the entries of a step that reads them are appended, so stored, after them.
     */
    public synchronized SortedMap<String, String> outputs(String step) {
        List<JournalEntry> unstored = new ArrayList<>(writingNow);
        queued.forEach(pending -> unstored.addAll(pending.entries()));
        return latestIn(unstored, step).or(() -> latestIn(entries, step))
                .filter(e -> e.state() == StepState.APPLIED && e.outputs() != null)
                .map(e -> (SortedMap<String, String>) new TreeMap<>(e.outputs())).orElseGet(TreeMap::new);
    }

    /**
     * Steps that may have changed something, latest start last: the order rollback walks backwards. A step started
     * again after a rollback counts from its new start.
     */
    public synchronized List<JournalEntry> toRevert() {
        Map<String, JournalEntry> lastStart = new LinkedHashMap<>();
        for (JournalEntry entry : entries) {
            if (entry.state() == StepState.STARTED) {
                lastStart.remove(entry.step());
                lastStart.put(entry.step(), entry);
            }
        }
        List<JournalEntry> result = new ArrayList<>();
        lastStart.values().forEach(start -> {
            if (state(start.step()).orElseThrow().needsRevert()) {
                result.add(start);
            }
        });
        return result;
    }

    private static void refuseSecretData(JsonNode node, String step) {
        if (node == null) {
            return;
        }
        if (node.isObject() && "Secret".equals(node.path("kind").asText())
                && (node.path("data").size() > 0 || node.path("stringData").size() > 0)) {
            throw new IllegalStateException("step " + step + ": refusing to journal a Secret's data; a handler must"
                    + " record key names only");
        }
        node.forEach(child -> refuseSecretData(child, step));
    }
}
