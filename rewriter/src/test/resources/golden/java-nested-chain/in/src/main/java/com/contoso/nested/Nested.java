package com.contoso.nested;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.EnvironmentCredentialBuilder;

class Nested {

    TokenCredential credential() {
        return new ClientSecretCredentialBuilder()
                .tenantId(System.getenv("AZURE_TENANT_ID"))
                .clientId(System.getenv("AZURE_CLIENT_ID"))
                .clientSecret(VaultSecrets.read(new EnvironmentCredentialBuilder().build(), "sp-secret-name"))
                .build();
    }

    static final class VaultSecrets {
        static String read(TokenCredential credential, String name) {
            return name;
        }
    }
}
