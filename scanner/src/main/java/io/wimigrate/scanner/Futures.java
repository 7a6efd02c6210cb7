package io.wimigrate.scanner;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for work done on another thread as if it had been done on this one. */
public final class Futures {

    private Futures() {
    }

    /**
     * The future's value; if the work failed with a {@link RuntimeException}, that exception itself (with its own
     * type and message, as callers report and match it), not the {@link CompletionException} wrapping it.
     */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
