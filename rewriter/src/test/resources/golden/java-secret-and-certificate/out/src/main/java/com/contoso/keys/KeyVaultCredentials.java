package com.contoso.keys;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;

public class KeyVaultCredentials {

    /** Secrets vault: service principal with a client secret. */
    public TokenCredential secrets() {
        return new DefaultAzureCredentialBuilder().build();
    }

    /** Keys vault: the same principal with a PEM certificate. */
    public TokenCredential keys() {
        return new DefaultAzureCredentialBuilder().build();
    }
}
