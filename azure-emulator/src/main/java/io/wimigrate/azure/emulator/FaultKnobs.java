package io.wimigrate.azure.emulator;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;

/**
 * Runtime-settable misbehaviour and timing. Latency, throttling and 5xx apply to ARM and Graph requests (not to the
 * token endpoint); random decisions come from one seeded generator so a run is reproducible.
 */
public final class FaultKnobs {
    static final long DEFAULT_SEED = 4L;

    enum Fault { THROTTLE, SERVER_ERROR }

    private Duration latency;
    private int throttleNext;
    private double throttleRate;
    private int retryAfterSeconds;
    private int serverErrorNext;
    private double serverErrorRate;
    private Random random;
    private Duration ficWriteDuration;
    private Duration ficPropagationDelay;
    private Duration principalReplicationDelay;

    FaultKnobs() {
        reset();
    }

    /** Back to no faults: no latency, no throttling, no 5xx, 50 ms FIC writes, no propagation or replication delay. */
    public synchronized FaultKnobs reset() {
        latency = Duration.ZERO;
        throttleNext = 0;
        throttleRate = 0;
        retryAfterSeconds = 1;
        serverErrorNext = 0;
        serverErrorRate = 0;
        random = new Random(DEFAULT_SEED);
        ficWriteDuration = Duration.ofMillis(50);
        ficPropagationDelay = Duration.ZERO;
        principalReplicationDelay = Duration.ZERO;
        return this;
    }

    /** Added to every ARM and Graph request before it is handled. */
    public synchronized FaultKnobs latency(Duration value) {
        latency = value;
        return this;
    }

    /** The next {@code count} ARM/Graph requests get 429 with {@code Retry-After: retryAfterSeconds}. */
    public synchronized FaultKnobs throttleNext(int count, int retryAfterSeconds) {
        throttleNext = count;
        this.retryAfterSeconds = retryAfterSeconds;
        return this;
    }

    /** Each ARM/Graph request gets 429 with this probability. */
    public synchronized FaultKnobs throttleRate(double rate, int retryAfterSeconds) {
        throttleRate = rate;
        this.retryAfterSeconds = retryAfterSeconds;
        return this;
    }

    /** The next {@code count} ARM/Graph requests (after any throttled ones) get 500. */
    public synchronized FaultKnobs serverErrorNext(int count) {
        serverErrorNext = count;
        return this;
    }

    /** Each ARM/Graph request gets 500 with this probability. */
    public synchronized FaultKnobs serverErrorRate(double rate) {
        serverErrorRate = rate;
        return this;
    }

    public synchronized FaultKnobs seed(long seed) {
        random = new Random(seed);
        return this;
    }

    /** How long one FIC write to a managed identity holds that identity; writes overlapping it get 409. */
    public synchronized FaultKnobs ficWriteDuration(Duration value) {
        ficWriteDuration = value;
        return this;
    }

    /** Token exchange answers AADSTS70021 until the matching FIC is at least this old. */
    public synchronized FaultKnobs ficPropagationDelay(Duration value) {
        ficPropagationDelay = value;
        return this;
    }

    /**
     * Role assignments to a principal younger than this fail with PrincipalNotFound unless the request names the
     * principalType (Azure then skips the directory lookup).
     */
    public synchronized FaultKnobs principalReplicationDelay(Duration value) {
        principalReplicationDelay = value;
        return this;
    }

    synchronized Duration latency() {
        return latency;
    }

    synchronized int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    synchronized Duration ficWriteDuration() {
        return ficWriteDuration;
    }

    synchronized Duration ficPropagationDelay() {
        return ficPropagationDelay;
    }

    synchronized Duration principalReplicationDelay() {
        return principalReplicationDelay;
    }

    synchronized Optional<Fault> nextFault() {
        if (throttleNext > 0) {
            throttleNext--;
            return Optional.of(Fault.THROTTLE);
        }
        if (throttleRate > 0 && random.nextDouble() < throttleRate) {
            return Optional.of(Fault.THROTTLE);
        }
        if (serverErrorNext > 0) {
            serverErrorNext--;
            return Optional.of(Fault.SERVER_ERROR);
        }
        if (serverErrorRate > 0 && random.nextDouble() < serverErrorRate) {
            return Optional.of(Fault.SERVER_ERROR);
        }
        return Optional.empty();
    }
}
