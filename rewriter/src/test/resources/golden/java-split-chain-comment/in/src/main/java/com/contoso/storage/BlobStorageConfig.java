package com.contoso.storage;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientSecretCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import java.util.function.Function;

/** Storage access for settlement files. */
public class BlobStorageConfig {

    public <T> T settlementClient(Function<TokenCredential, T> clientFactory) {
        ClientSecretCredential credential = new ClientSecretCredentialBuilder()
                .tenantId(System.getenv("AZURE_TENANT_ID"))
                .clientId(System.getenv("AZURE_CLIENT_ID"))
                // rotated every 90 days by the platform team, see PAY-1432
                .clientSecret(System.getenv("AZURE_CLIENT_SECRET"))
                .build();

        return clientFactory.apply(credential);
    }
}
