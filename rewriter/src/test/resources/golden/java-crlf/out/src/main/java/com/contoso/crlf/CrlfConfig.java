package com.contoso.crlf;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;

public class CrlfConfig {

    public TokenCredential credential() {
        // Windows line endings stay Windows line endings
        return new DefaultAzureCredentialBuilder().build();
    }
}
