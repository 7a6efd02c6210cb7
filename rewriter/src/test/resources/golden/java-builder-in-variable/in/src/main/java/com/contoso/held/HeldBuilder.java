package com.contoso.held;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientSecretCredentialBuilder;

class HeldBuilder {

    TokenCredential credential(boolean inChina) {
        ClientSecretCredentialBuilder builder = new ClientSecretCredentialBuilder()
                .tenantId(System.getenv("AZURE_TENANT_ID"));
        builder.clientId(System.getenv("AZURE_CLIENT_ID")).clientSecret(System.getenv("AZURE_CLIENT_SECRET"));
        return builder.build();
    }
}
