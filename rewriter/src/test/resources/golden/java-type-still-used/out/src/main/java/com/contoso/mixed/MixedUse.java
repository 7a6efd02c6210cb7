package com.contoso.mixed;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientSecretCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;

class MixedUse {

    TokenCredential primary() {
        return new DefaultAzureCredentialBuilder().build();
    }

    TokenCredential secondary() {
        return new DefaultAzureCredentialBuilder().build();
    }

    /** Kept for callers that still hand in their own service principal. */
    static boolean isServicePrincipal(TokenCredential credential) {
        return credential instanceof ClientSecretCredential;
    }
}
