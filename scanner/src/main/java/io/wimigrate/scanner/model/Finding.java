package io.wimigrate.scanner.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One thing the scan found that the migration must deal with. {@code evidence} holds facts that justify the finding
 * (key names, lengths, symbols, versions) and never a secret value.
 */
public record Finding(String id, String rule, Severity severity, Location location, String message,
                      SortedMap<String, String> evidence) implements Comparable<Finding> {

    private static final Comparator<Finding> ORDER = Comparator
            .comparing(Finding::location)
            .thenComparing(Finding::rule)
            .thenComparing(Finding::id);

    public Finding {
        evidence = evidence == null ? new TreeMap<>() : new TreeMap<>(evidence);
    }

    /** A finding with the rule's default severity; its id depends only on rule, location and discriminator. */
    public static Finding of(Rule rule, Location location, String discriminator, String message,
                             Map<String, String> evidence) {
        return new Finding(idFor(rule, location, discriminator), rule.id(), rule.severity(), location, message,
                evidence == null ? null : new TreeMap<>(evidence));
    }

    public static Finding of(Rule rule, Location location, String message, Map<String, String> evidence) {
        return of(rule, location, "", message, evidence);
    }

    static String idFor(Rule rule, Location location, String discriminator) {
        String text = rule.id() + "\n" + location.key() + "\n" + discriminator;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "WIM-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    @Override
    public int compareTo(Finding other) {
        return ORDER.compare(this, other);
    }
}
