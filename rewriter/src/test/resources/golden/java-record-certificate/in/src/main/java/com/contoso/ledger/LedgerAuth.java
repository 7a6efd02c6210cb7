package com.contoso.ledger;

import com.azure.identity.ClientCertificateCredential;
import com.azure.identity.ClientCertificateCredentialBuilder;

/** Where the ledger's certificate lives, and the credential made from it. */
public record LedgerAuth(String tenantId, String clientId, String certificatePath) {

    public static LedgerAuth fromEnvironment() {
        return new LedgerAuth(System.getenv("AZURE_TENANT_ID"), System.getenv("AZURE_CLIENT_ID"),
                System.getenv("AZURE_CLIENT_CERTIFICATE_PATH"));
    }

    public ClientCertificateCredential credential() {
        return new ClientCertificateCredentialBuilder()
                .tenantId(tenantId)
                .clientId(clientId)
                .pemCertificate(certificatePath)
                .build();
    }
}
