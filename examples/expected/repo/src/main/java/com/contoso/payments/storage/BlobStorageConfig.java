package com.contoso.payments.storage;

import com.azure.identity.DefaultAzureCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;

/**
 * Storage access for settlement files.
 *
 * <p>Authenticates as the {@code sp-payments-storage} service principal; its secret is mounted from the
 * {@code payments-storage-sp} Kubernetes Secret as {@code AZURE_CLIENT_SECRET}.
 */
public class BlobStorageConfig {

    private static final String DEFAULT_ACCOUNT_URL = "https://stcontosopayments.blob.core.windows.net";

    public BlobServiceClient settlementBlobServiceClient() {
        DefaultAzureCredential credential = new DefaultAzureCredentialBuilder().build();

        return new BlobServiceClientBuilder()
                .endpoint(accountUrl())
                .credential(credential)
                .buildClient();
    }

    private static String accountUrl() {
        String url = System.getenv("STORAGE_ACCOUNT_URL");
        return url == null || url.isBlank() ? DEFAULT_ACCOUNT_URL : url;
    }
}
