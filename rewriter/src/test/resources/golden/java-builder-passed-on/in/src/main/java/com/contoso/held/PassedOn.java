package com.contoso.held;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientSecretCredentialBuilder;

class PassedOn {

    TokenCredential credential() {
        ClientSecretCredentialBuilder builder = new ClientSecretCredentialBuilder();
        configure(builder);
        return builder.build();
    }

    private static void configure(ClientSecretCredentialBuilder builder) {
        builder.tenantId(System.getenv("AZURE_TENANT_ID"));
    }
}
