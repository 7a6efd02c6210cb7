package io.wimigrate.azure.emulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small OData {@code $filter} subset Azure list APIs take: {@code field eq 'value'} clauses and function calls
 * such as {@code atScope()} or {@code assignedTo('id')}, joined by {@code and}.
 */
record ODataFilter(Map<String, String> equalities, Map<String, String> functions) {
    private static final Pattern EQUALS = Pattern.compile("^\\s*([A-Za-z/]+)\\s+eq\\s+'([^']*)'\\s*$");
    private static final Pattern CALL = Pattern.compile("^\\s*([A-Za-z]+)\\(\\s*(?:'([^']*)')?\\s*\\)\\s*$");

    /** Empty when the filter is not in the subset. */
    static Optional<ODataFilter> parse(String filter) {
        Map<String, String> equalities = new LinkedHashMap<>();
        Map<String, String> functions = new LinkedHashMap<>();
        if (filter == null || filter.isBlank()) {
            return Optional.of(new ODataFilter(equalities, functions));
        }
        for (String clause : filter.split("(?i)\\s+and\\s+")) {
            Matcher eq = EQUALS.matcher(clause);
            Matcher call = CALL.matcher(clause);
            if (eq.matches()) {
                equalities.put(eq.group(1), eq.group(2));
            } else if (call.matches()) {
                functions.put(call.group(1), call.group(2) == null ? "" : call.group(2));
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(new ODataFilter(equalities, functions));
    }

    boolean onlyUses(Set<String> allowedFields, Set<String> allowedFunctions) {
        return allowedFields.containsAll(equalities.keySet()) && allowedFunctions.containsAll(functions.keySet());
    }
}
