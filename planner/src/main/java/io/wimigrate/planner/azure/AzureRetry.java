package io.wimigrate.planner.azure;

import com.azure.core.exception.HttpResponseException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Retries an Azure call once the SDK's own retry policy (three retries) is spent, for as long as ARM or Graph keeps
 * answering with something transient: up to {@link #MAX_ATTEMPTS} attempts, waiting what a {@code Retry-After} header
 * says, or else a delay that starts at {@code firstDelay} and doubles up to 30 s.
 */
public final class AzureRetry {

    public static final int MAX_ATTEMPTS = 8;
    private static final Duration MAX_DELAY = Duration.ofSeconds(30);

    /** Told of each retry before its wait: the failure, the wait, and the number of the attempt to come. */
    public interface Listener {
        Listener NONE = (failure, wait, attempt) -> { };

        void retrying(HttpResponseException failure, Duration wait, int attempt);
    }

    private AzureRetry() {
    }

    /** A 429 or a 5xx. */
    public static boolean throttledOrServerError(HttpResponseException e) {
        int status = status(e);
        return status == 429 || status >= 500;
    }

    /**
     * The call's result, retried while {@code retry} holds for its failure. An interrupt during a wait ends the
     * retries with the last failure (the thread stays interrupted).
     */
    public static <T> T retrying(Duration firstDelay, Predicate<HttpResponseException> retry, Listener listener,
                                 Supplier<T> call) {
        Duration delay = firstDelay;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (HttpResponseException e) {
                if (!retry.test(e) || attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                Duration wait = retryAfter(e).orElse(delay);
                listener.retrying(e, wait, attempt + 1);
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
            }
        }
    }

    public static int status(HttpResponseException e) {
        return e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
    }

    /** The wait a {@code Retry-After} header asks for, in seconds (the form ARM and Graph send). */
    static Optional<Duration> retryAfter(HttpResponseException e) {
        String header = e.getResponse() == null ? null : e.getResponse().getHeaderValue("Retry-After");
        if (header == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(header.trim())));
        } catch (NumberFormatException notSeconds) {
            return Optional.empty();
        }
    }
}
