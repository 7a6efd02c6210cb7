package com.contoso.payments.storage;

import com.azure.identity.ClientSecretCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
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
        ClientSecretCredential credential = new ClientSecretCredentialBuilder()
                .tenantId(System.getenv("AZURE_TENANT_ID"))
                .clientId(System.getenv("AZURE_CLIENT_ID"))
                // rotated every 90 days by the platform team, see PAY-1432
                .clientSecret(System.getenv("AZURE_CLIENT_SECRET"))
                .build();

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
