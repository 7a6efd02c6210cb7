package io.wimigrate.scanner.cluster;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What remains of a Secret read with opt-in Secret reading: its key names and the length in bytes of each value.
 * The values themselves are dropped as soon as the Secret has been read.
 */
public record SecretKeys(String namespace, String name, SortedMap<String, Integer> keyLengths)
        implements Comparable<SecretKeys> {

    public SecretKeys {
        keyLengths = new TreeMap<>(keyLengths);
    }

    /** Length of a base64 value once decoded, computed without decoding it. */
    static int decodedLength(String base64) {
        String compact = base64.replaceAll("\\s", "");
        int padding = compact.endsWith("==") ? 2 : compact.endsWith("=") ? 1 : 0;
        return Math.max(0, compact.length() / 4 * 3 - padding);
    }

    @Override
    public int compareTo(SecretKeys other) {
        int byNamespace = namespace.compareTo(other.namespace);
        return byNamespace != 0 ? byNamespace : name.compareTo(other.name);
    }
}
