package com.contoso.nested;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;

class Nested {

    TokenCredential credential() {
        return new DefaultAzureCredentialBuilder().build();
    }

    static final class VaultSecrets {
        static String read(TokenCredential credential, String name) {
            return name;
        }
    }
}
