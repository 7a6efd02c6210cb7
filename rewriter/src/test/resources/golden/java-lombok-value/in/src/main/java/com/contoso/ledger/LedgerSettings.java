package com.contoso.ledger;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientSecretCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import lombok.Value;

@Value
public class LedgerSettings {

    String accountName;
    ClientSecretCredential credential = new ClientSecretCredentialBuilder()
            .tenantId(System.getenv("AZURE_TENANT_ID"))
            .clientId(System.getenv("AZURE_CLIENT_ID"))
            .clientSecret(System.getenv("AZURE_CLIENT_SECRET"))
            .build();

    public TokenCredential tokenCredential() {
        return credential;
    }
}
