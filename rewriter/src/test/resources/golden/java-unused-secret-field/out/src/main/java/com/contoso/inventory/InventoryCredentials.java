package com.contoso.inventory;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;

public class InventoryCredentials {

    protected final String clientId = System.getenv("AZURE_CLIENT_ID");

    public TokenCredential credential() {
        return new DefaultAzureCredentialBuilder().build();
    }
}
