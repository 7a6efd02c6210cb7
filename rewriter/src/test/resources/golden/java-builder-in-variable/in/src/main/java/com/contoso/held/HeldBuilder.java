package com.contoso.held;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientSecretCredentialBuilder;

class HeldBuilder {

    TokenCredential credential() {
        ClientSecretCredentialBuilder builder = new ClientSecretCredentialBuilder()
                .tenantId(System.getenv("AZURE_TENANT_ID"));
        String secret = System.getenv("AZURE_CLIENT_SECRET");
        builder.clientId(System.getenv("AZURE_CLIENT_ID")).clientSecret(secret);
        TokenCredential credential = builder.build();
        return credential;
    }
}
