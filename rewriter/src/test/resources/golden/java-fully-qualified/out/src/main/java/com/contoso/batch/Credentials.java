package com.contoso.batch;

final class Credentials {

    private Credentials() {
    }

    static com.azure.core.credential.TokenCredential forBatch() {
        return new com.azure.identity.DefaultAzureCredentialBuilder().build(); // one credential for the whole batch
    }
}
