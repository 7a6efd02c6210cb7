package com.contoso.ledger;

import com.azure.identity.DefaultAzureCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;

/** Where the ledger's certificate lives, and the credential made from it. */
public record LedgerAuth(String tenantId, String clientId, String certificatePath) {

    public static LedgerAuth fromEnvironment() {
        return new LedgerAuth(System.getenv("AZURE_TENANT_ID"), System.getenv("AZURE_CLIENT_ID"),
                System.getenv("AZURE_CLIENT_CERTIFICATE_PATH"));
    }

    public DefaultAzureCredential credential() {
        return new DefaultAzureCredentialBuilder().build();
    }
}
