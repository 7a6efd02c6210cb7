package io.wimigrate.executor;

import java.util.List;

/**
 * The plan must not be applied here: made offline, for another cluster, or stale. {@code reasons} name what differs
 * (the drifted objects, the cluster identities); exit code 3.
 */
public class PlanRefusedException extends RuntimeException {

    private final List<String> reasons;

    public PlanRefusedException(String message, List<String> reasons) {
        super(message);
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}
