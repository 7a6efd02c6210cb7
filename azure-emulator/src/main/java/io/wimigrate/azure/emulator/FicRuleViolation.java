package io.wimigrate.azure.emulator;

/** A federated identity credential write that breaks one of Entra's rules; each API maps it to its own error shape. */
final class FicRuleViolation extends RuntimeException {
    enum Rule { EMPTY_PROPERTIES, INVALID_NAME, AUDIENCE_COUNT, WILDCARD, DUPLICATE_ISSUER_SUBJECT, LIMIT_REACHED }

    private final Rule rule;

    FicRuleViolation(Rule rule, String message) {
        super(message, null, false, false);
        this.rule = rule;
    }

    Rule rule() {
        return rule;
    }
}
