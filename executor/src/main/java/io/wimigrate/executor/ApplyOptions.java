package io.wimigrate.executor;

import java.util.Set;

/**
 * Which phases to run ({@code firstPhase..lastPhase}), how many steps at once, whether to change anything, and the
 * manual steps the operator confirms are done.
 */
public record ApplyOptions(int firstPhase, int lastPhase, int parallelism, boolean dryRun, Set<String> ackManual) {

    public static final int LAST_PHASE = 6;

    public ApplyOptions {
        if (firstPhase < 0 || lastPhase > LAST_PHASE || firstPhase > lastPhase) {
            throw new IllegalArgumentException("phases must satisfy 0 <= first <= last <= " + LAST_PHASE);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        ackManual = Set.copyOf(ackManual);
    }

    public static ApplyOptions all() {
        return new ApplyOptions(0, LAST_PHASE, 4, false, Set.of());
    }
}
