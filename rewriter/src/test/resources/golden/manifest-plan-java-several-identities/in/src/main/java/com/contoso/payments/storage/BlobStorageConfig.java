package com.contoso.payments.storage;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientSecretCredential;
import com.azure.identity.ClientSecretCredentialBuilder;

/**
 * Storage access for settlement files.
 *
 * <p>Authenticates as the {@code sp-payments-storage} service principal; its secret is mounted from the
 * {@code payments-storage-sp} Kubernetes Secret as {@code AZURE_CLIENT_SECRET}.
 */
public class BlobStorageConfig {

    public TokenCredential settlementCredential() {
        ClientSecretCredential credential = new ClientSecretCredentialBuilder()
                .tenantId(System.getenv("AZURE_TENANT_ID"))
                .clientId(System.getenv("AZURE_CLIENT_ID"))
                // rotated every 90 days by the platform team, see PAY-1432
                .clientSecret(System.getenv("AZURE_CLIENT_SECRET"))
                .build();
        return credential;
    }
}
