package com.contoso.held;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;

class HeldBuilder {

    TokenCredential credential() {
        TokenCredential credential = new DefaultAzureCredentialBuilder().build();
        return credential;
    }
}
