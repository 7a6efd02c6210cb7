package io.wimigrate.executor;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What {@link StepHandler#apply} did: {@code changed} is false when the target already was as desired; {@code outputs}
 * are values later steps name as {@code $(<step id>.<key>)} (e.g. {@code clientId}, {@code principalId});
 * {@code detail} is one line for the operator. Never a secret value.
 */
public record Applied(boolean changed, SortedMap<String, String> outputs, String detail) {

    public Applied {
        outputs = new TreeMap<>(outputs);
    }

    public static Applied changed(String detail) {
        return new Applied(true, new TreeMap<>(), detail);
    }

    public static Applied unchanged(String detail) {
        return new Applied(false, new TreeMap<>(), detail);
    }

    public Applied withOutputs(Map<String, String> values) {
        SortedMap<String, String> all = new TreeMap<>(outputs);
        all.putAll(values);
        return new Applied(changed, all, detail);
    }
}
