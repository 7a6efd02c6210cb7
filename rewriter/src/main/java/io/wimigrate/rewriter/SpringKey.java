package io.wimigrate.rewriter;

import java.util.Locale;
import java.util.Set;

/** A Spring property name in relaxed form (lower case, '-' and '_' dropped), as Spring's relaxed binding compares it. */
record SpringKey(String relaxed) {

    static final String CLIENT_ID = "clientid";
    static final String MANAGED_IDENTITY_ENABLED = "managedidentityenabled";
    /** What makes a credential a service principal's: replaced by the workload identity. */
    static final Set<String> SECRETS = Set.of("clientsecret", "clientcertificatepath", "clientcertificatepassword");
    private static final Set<String> CREDENTIAL_NAMES = Set.of(CLIENT_ID, MANAGED_IDENTITY_ENABLED, "clientsecret",
            "clientcertificatepath", "clientcertificatepassword");
    private static final String SPRING_CLOUD_AZURE = "spring.cloud.azure.";
    private static final String SIGN_IN = "spring.cloud.azure.activedirectory.";

    static SpringKey of(String key) {
        return new SpringKey(key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", ""));
    }

    /** The last dotted segment: the property's own name. */
    String name() {
        return relaxed.substring(relaxed.lastIndexOf('.') + 1);
    }

    /** Everything before the property's own name, the final dot included. */
    String prefix() {
        return relaxed.substring(0, relaxed.lastIndexOf('.') + 1);
    }

    /**
     * {@code spring.cloud.azure[.<service>].credential.<name>}: the credential Spring Cloud Azure builds its SDK
     * clients with (globally or for one service), which workload identity replaces.
     */
    boolean isServiceCredential() {
        return relaxed.startsWith(SPRING_CLOUD_AZURE) && !relaxed.startsWith(SIGN_IN)
                && (prefix().equals(SPRING_CLOUD_AZURE + "credential.") || prefix().endsWith(".credential."))
                && CREDENTIAL_NAMES.contains(name());
    }

    /**
     * A secret of the Azure AD starters ({@code spring.cloud.azure.active-directory[.b2c].credential.*}, the older
     * {@code azure.activedirectory.client-secret}): the app's own registration for signing users in, which no
     * configuration property can move to workload identity.
     */
    boolean isSignInSecret() {
        return relaxed.equals("azure.activedirectory.clientsecret")
                || relaxed.startsWith(SIGN_IN) && prefix().endsWith(".credential.") && SECRETS.contains(name());
    }
}
