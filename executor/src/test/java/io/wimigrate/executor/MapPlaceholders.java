package io.wimigrate.executor;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Placeholders from a map of {@code <step id>.<key>} to value, as the executor fills them from step outputs. */
public record MapPlaceholders(Map<String, String> values) implements Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\(([^)]+)\\)");

    @Override
    public String resolve(String value) {
        Matcher matcher = PLACEHOLDER.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String known = values.get(matcher.group(1));
            if (known == null) {
                throw new StepFailedException("placeholder " + matcher.group() + " is not known yet");
            }
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(known));
        }
        return matcher.appendTail(resolved).toString();
    }
}
