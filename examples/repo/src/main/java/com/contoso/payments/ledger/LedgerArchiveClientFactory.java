package com.contoso.payments.ledger;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;

/**
 * Read access to the ledger archive through the pod's AAD Pod Identity ({@code id-payments-api}).
 */
public class LedgerArchiveClientFactory {

    private static final String ARCHIVE_ENDPOINT = "https://stcontosoledger.blob.core.windows.net";
    private static final String ARCHIVE_CONTAINER = "ledger-archive";

    public BlobContainerClient ledgerArchiveContainer() {
        TokenCredential credential = new ManagedIdentityCredentialBuilder()
                .clientId(System.getenv("PAYMENTS_IDENTITY_CLIENT_ID"))
                .build();

        return new BlobContainerClientBuilder()
                .endpoint(ARCHIVE_ENDPOINT)
                .containerName(ARCHIVE_CONTAINER)
                .credential(credential)
                .buildClient();
    }
}
