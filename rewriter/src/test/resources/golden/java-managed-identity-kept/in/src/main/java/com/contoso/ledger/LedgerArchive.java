package com.contoso.ledger;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ManagedIdentityCredentialBuilder;

class LedgerArchive {

    TokenCredential credential() {
        return new ManagedIdentityCredentialBuilder()
                .clientId(System.getenv("PAYMENTS_IDENTITY_CLIENT_ID"))
                .build();
    }
}
