package com.contoso.invoices;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import lombok.Getter;
import lombok.RequiredArgsConstructor;

/** Lombok writes the constructor and getters: every field stays, or callers of the constructor break. */
@Getter
@RequiredArgsConstructor
public class InvoiceStorage {

    private final String tenantId;
    private final String clientId;
    private final String clientSecret;

    public TokenCredential credential() {
        return new ClientSecretCredentialBuilder()
                .tenantId(tenantId)
                .clientId(clientId)
                .clientSecret(clientSecret)
                .build();
    }
}
