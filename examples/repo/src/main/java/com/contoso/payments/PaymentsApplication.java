package com.contoso.payments;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.contoso.payments.ledger.LedgerArchiveClientFactory;
import com.contoso.payments.storage.BlobStorageConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class PaymentsApplication {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentsApplication.class);

    private PaymentsApplication() {
    }

    public static void main(String[] args) {
        BlobServiceClient settlements = new BlobStorageConfig().settlementBlobServiceClient();
        BlobContainerClient archive = new LedgerArchiveClientFactory().ledgerArchiveContainer();
        LOG.info("settlement storage: {}, ledger archive: {}", settlements.getAccountUrl(), archive.getBlobContainerUrl());
    }
}
