package com.contoso.payments.storage;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;

/**
 * Storage access for settlement files.
 *
 * <p>Authenticates as the {@code sp-payments-storage} service principal; its secret is mounted from the
 * {@code payments-storage-sp} Kubernetes Secret as {@code AZURE_CLIENT_SECRET}.
 */
public class BlobStorageConfig {

    public TokenCredential settlementCredential() {
        DefaultAzureCredential credential = new DefaultAzureCredentialBuilder().build();
        return credential;
    }
}
