package com.contoso.payments.audit;

import java.util.Objects;

/**
 * A merchant's webhook signing credential as stored in the merchant registry: the merchant's client id and the
 * name of the vault entry that holds the shared secret. Not an Azure credential; it never holds the secret itself.
 */
public final class ClientSecretCredential {

    private final String merchantClientId;
    private final String secretName;

    public ClientSecretCredential(String merchantClientId, String secretName) {
        this.merchantClientId = Objects.requireNonNull(merchantClientId, "merchantClientId");
        this.secretName = Objects.requireNonNull(secretName, "secretName");
    }

    public String merchantClientId() {
        return merchantClientId;
    }

    public String secretName() {
        return secretName;
    }

    @Override
    public String toString() {
        return "ClientSecretCredential[merchantClientId=" + merchantClientId + ", secretName=" + secretName + "]";
    }
}
