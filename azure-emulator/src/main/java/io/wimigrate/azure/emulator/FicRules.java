package io.wimigrate.azure.emulator;

import java.util.Collection;
import java.util.regex.Pattern;

/** Entra's rules for federated identity credentials, shared by managed identities and app registrations. */
final class FicRules {
    static final int MAX_PER_OWNER = 20;
    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9-_]{2,119}$");

    private FicRules() {
    }

    /**
     * Throws when {@code candidate} may not be written next to {@code existing} (which may hold the credential it
     * replaces, matched by name).
     */
    static void check(Collection<FederatedCredential> existing, FederatedCredential candidate, String ownerNoun) {
        if (!NAME.matcher(candidate.name()).matches()) {
            throw new FicRuleViolation(FicRuleViolation.Rule.INVALID_NAME,
                    "Federated Identity Credential name '" + candidate.name() + "' is invalid.");
        }
        if (isBlank(candidate.issuer()) || isBlank(candidate.subject()) || candidate.audiences().isEmpty()) {
            throw new FicRuleViolation(FicRuleViolation.Rule.EMPTY_PROPERTIES,
                    "Federated Identity Credential from HTTP body has empty properties");
        }
        if (candidate.audiences().size() != 1) {
            throw new FicRuleViolation(FicRuleViolation.Rule.AUDIENCE_COUNT,
                    "Federated identity credentials must have exactly 1 audience.");
        }
        if (candidate.issuer().contains("*") || candidate.subject().contains("*")
                || candidate.audiences().get(0).contains("*")) {
            throw new FicRuleViolation(FicRuleViolation.Rule.WILDCARD,
                    "Wildcard characters are not supported in federated identity credential issuer, subject or audience.");
        }
        boolean replacing = existing.stream().anyMatch(f -> f.name().equalsIgnoreCase(candidate.name()));
        boolean duplicate = existing.stream()
                .filter(f -> !f.name().equalsIgnoreCase(candidate.name()))
                .anyMatch(f -> f.issuer().equals(candidate.issuer()) && f.subject().equals(candidate.subject()));
        if (duplicate) {
            throw new FicRuleViolation(FicRuleViolation.Rule.DUPLICATE_ISSUER_SUBJECT,
                    "Issuer and subject combination already exists for this " + ownerNoun + ".");
        }
        if (!replacing && existing.size() >= MAX_PER_OWNER) {
            throw new FicRuleViolation(FicRuleViolation.Rule.LIMIT_REACHED,
                    "The maximum number of federated identity credentials (" + MAX_PER_OWNER
                            + ") has been reached for this " + ownerNoun + ".");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
