package com.contoso.ledger;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import lombok.Value;

@Value
public class LedgerSettings {

    String accountName;
    DefaultAzureCredential credential = new DefaultAzureCredentialBuilder().build();

    public TokenCredential tokenCredential() {
        return credential;
    }
}
