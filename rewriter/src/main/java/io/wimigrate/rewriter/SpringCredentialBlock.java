package io.wimigrate.rewriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Moves one Spring Cloud Azure credential (the properties sharing one {@code ...credential.} prefix) from a service
 * principal to the workload identity: the secret or certificate properties go, {@code managed-identity-enabled: true}
 * takes the place of the first (Spring then builds a ManagedIdentityCredential, which azure-identity backs with the
 * federated token the webhook mounts), and {@code client-id} reads {@code AZURE_CLIENT_ID}, which the webhook sets
 * from the service account's annotation.
 */
final class SpringCredentialBlock {

    static final String WORKLOAD_CLIENT_ID = "${AZURE_CLIENT_ID}";

    private SpringCredentialBlock() {
    }

    /** A property with its full key as written ({@code spring.cloud.azure.credential.client-id}), for the notes. */
    record Named(String fullKey, ConfigProperty property) {

        /** The full key up to the property's own name ({@code spring.cloud.azure.credential.}). */
        String prefix() {
            return fullKey.substring(0, fullKey.length() - property.key().length()) + property.keyPrefix();
        }
    }

    static List<TextEdit> rewrite(String path, LineNumbers lines, List<Named> named, List<RewriteNote> notes) {
        List<ConfigProperty> block = named.stream().map(Named::property).toList();
        List<ConfigProperty> secrets = block.stream()
                .filter(property -> SpringKey.SECRETS.contains(SpringKey.of(property.key()).name())).toList();
        if (secrets.isEmpty()) {
            return List.of();
        }
        List<TextEdit> edits = new ArrayList<>();
        Optional<ConfigProperty> enabled = named(block, SpringKey.MANAGED_IDENTITY_ENABLED);
        if (enabled.isPresent()) {
            if (!enabled.get().value().trim().equalsIgnoreCase("true")) {
                edits.add(enabled.get().replaceValue("true"));
            }
            secrets.forEach(secret -> edits.add(secret.delete()));
        } else {
            edits.add(secrets.get(0).replaceWith("managed-identity-enabled", "true"));
            secrets.subList(1, secrets.size()).forEach(secret -> edits.add(secret.delete()));
        }
        Optional<ConfigProperty> clientId = named(block, SpringKey.CLIENT_ID);
        if (clientId.isPresent() && !clientId.get().value().trim().startsWith("${AZURE_CLIENT_ID")) {
            edits.add(clientId.get().replaceValue(WORKLOAD_CLIENT_ID));
        }
        ConfigProperty first = secrets.get(0);
        String where = named.get(0).prefix();
        if (clientId.isEmpty()) {
            note(path, lines, first, "spring-client-id-elsewhere", where + "client-id is not set here: Spring uses"
                    + " AZURE_CLIENT_ID from the webhook unless another file or profile sets it; one that does must"
                    + " name the workload identity's client id (or " + WORKLOAD_CLIENT_ID + ").", notes);
        }
        for (ConfigProperty secret : secrets) {
            if (!secret.value().trim().startsWith("${") && !secret.value().isBlank()
                    && !SpringKey.of(secret.key()).name().equals("clientcertificatepath")) {
                note(path, lines, secret, "spring-secret-in-history", fullKey(named, secret)
                        + " held a literal value, which stays in the repository's history: reset the service"
                        + " principal's credential once the workload runs on workload identity.", notes);
            }
        }
        return edits;
    }

    /** A sign-in secret of the Azure AD starters: only noted. */
    static void noteSignIn(String path, LineNumbers lines, ConfigProperty property, String fullKey,
                           List<RewriteNote> notes) {
        note(path, lines, property, "spring-sign-in-secret", fullKey + " is the app registration's secret for"
                + " signing users in (Azure AD starter); workload identity cannot replace it through configuration."
                + " Keep it in a Kubernetes secret or Key Vault, or give the registration a certificate; access to"
                + " Azure resources goes through spring.cloud.azure.credential instead.", notes);
    }

    private static String fullKey(List<Named> named, ConfigProperty property) {
        return named.stream().filter(n -> n.property() == property).findFirst().orElseThrow().fullKey();
    }

    private static Optional<ConfigProperty> named(List<ConfigProperty> block, String name) {
        return block.stream().filter(property -> SpringKey.of(property.key()).name().equals(name)).findFirst();
    }

    private static void note(String path, LineNumbers lines, ConfigProperty at, String code, String message,
                             List<RewriteNote> notes) {
        notes.add(new RewriteNote(path, lines.line(at.offset()), lines.column(at.offset()), code, message));
    }
}
