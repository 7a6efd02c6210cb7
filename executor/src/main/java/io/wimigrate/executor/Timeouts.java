package io.wimigrate.executor;

import java.time.Duration;

/**
 * How long to wait: for a rollout to complete, for a federated credential to become usable (Entra ID propagation,
 * AADSTS70021), and the first delay of exponential backoff on 409/429/5xx (a Retry-After header wins).
 */
public record Timeouts(Duration rollout, Duration propagation, Duration backoff) {

    public static Timeouts defaults() {
        return new Timeouts(Duration.ofMinutes(5), Duration.ofMinutes(2), Duration.ofSeconds(1));
    }
}
