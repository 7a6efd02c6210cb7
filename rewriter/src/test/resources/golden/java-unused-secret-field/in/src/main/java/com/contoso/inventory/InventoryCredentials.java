package com.contoso.inventory;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientSecretCredentialBuilder;

public class InventoryCredentials {

    private static final String TENANT = System.getenv("AZURE_TENANT_ID");
    // service principal sp-inventory, secret rotated by the platform team
    private final String clientSecret = System.getenv("INVENTORY_SP_SECRET");
    protected final String clientId = System.getenv("AZURE_CLIENT_ID");

    public TokenCredential credential() {
        return new ClientSecretCredentialBuilder()
                .tenantId(TENANT)
                .clientId(clientId)
                .clientSecret(clientSecret)
                .build();
    }
}
