package io.wimigrate.scanner.repo;

import io.wimigrate.scanner.DaemonThreads;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Detections run on worker threads while the walk goes on: as many workers as processors, and at most
 * {@value #IN_FLIGHT} files waiting, so a repository full of matching files is not held in memory at once. Closing it
 * waits for every detection; a detection's failure (beyond what the detector itself reports) is rethrown.
 */
final class ConcurrentDetections implements AutoCloseable {

    private static final int IN_FLIGHT = 64;

    private final ExecutorService workers = Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), DaemonThreads.named("wimigrate-detect"));
    private final Deque<Future<?>> pending = new ArrayDeque<>();

    void submit(Runnable detection) {
        while (pending.size() >= IN_FLIGHT) {
            await(pending.removeFirst());
        }
        pending.addLast(workers.submit(detection));
    }

    @Override
    public void close() {
        try {
            while (!pending.isEmpty()) {
                await(pending.removeFirst());
            }
        } finally {
            workers.shutdownNow();
        }
    }

    private static void await(Future<?> detection) {
        try {
            detection.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scanning", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("a detection failed", e.getCause());
        }
    }
}
