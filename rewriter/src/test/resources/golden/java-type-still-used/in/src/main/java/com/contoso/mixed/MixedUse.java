package com.contoso.mixed;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientSecretCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;

class MixedUse {

    TokenCredential primary() {
        return new ClientSecretCredentialBuilder()
                .tenantId(System.getenv("AZURE_TENANT_ID"))
                .clientId(System.getenv("AZURE_CLIENT_ID"))
                .clientSecret(System.getenv("AZURE_CLIENT_SECRET"))
                .build();
    }

    TokenCredential secondary() {
        return new DefaultAzureCredentialBuilder().build();
    }

    /** Kept for callers that still hand in their own service principal. */
    static boolean isServicePrincipal(TokenCredential credential) {
        return credential instanceof ClientSecretCredential;
    }
}
