package com.contoso.batch;

final class Credentials {

    private Credentials() {
    }

    static com.azure.core.credential.TokenCredential forBatch() {
        return new com.azure.identity.ClientSecretCredentialBuilder()
            .tenantId(System.getenv("AZURE_TENANT_ID"))
            .clientId(System.getenv("AZURE_CLIENT_ID"))
            .clientSecret(System.getenv("AZURE_CLIENT_SECRET"))
            .build(); // one credential for the whole batch
    }
}
