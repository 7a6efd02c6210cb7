package io.wimigrate.executor;

import io.wimigrate.executor.journal.Journal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code $(<step id>.<key>)} from the outputs the journal holds for applied steps, {@code $(Cluster/<name>.oidcIssuer)}
 * from the issuers known for the plan's clusters. In a dry run a value not known yet stays as written, so the steps
 * after it can still be described.
 */
final class JournalPlaceholders implements Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\(([^)]*)\\.([A-Za-z0-9]+)\\)");
    private static final String CLUSTER = "Cluster/";

    private final Journal journal;
    private final Map<String, String> issuers;
    private final boolean keepUnknown;

    JournalPlaceholders(Journal journal, Map<String, String> issuers, boolean keepUnknown) {
        this.journal = journal;
        this.issuers = Map.copyOf(issuers);
        this.keepUnknown = keepUnknown;
    }

    @Override
    public String resolve(String value) {
        if (value == null || !value.contains("$(")) {
            return value;
        }
        Matcher matcher = PLACEHOLDER.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String known = lookup(matcher.group(1), matcher.group(2));
            if (known == null && !keepUnknown) {
                throw new StepFailedException(matcher.group() + " is not known yet: "
                        + (matcher.group(1).startsWith(CLUSTER) ? "the cluster's OIDC issuer could not be read"
                        : "step " + matcher.group(1) + " has not been applied; apply its phase first"));
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(known == null ? matcher.group() : known));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private String lookup(String source, String key) {
        if (source.startsWith(CLUSTER)) {
            return "oidcIssuer".equals(key) ? issuers.get(source.substring(CLUSTER.length())) : null;
        }
        return journal.outputs(source).get(key);
    }
}
