package com.contoso.audit;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import java.util.logging.Logger;

public class AuditCredentials {

    private static final Logger LOG = Logger.getLogger(AuditCredentials.class.getName());

    public TokenCredential create() {
        String secret = System.getenv("AZURE_CLIENT_SECRET");
        if (secret == null || secret.isBlank()) {
            LOG.warning("AZURE_CLIENT_SECRET is not set");
        }
        return new ClientSecretCredentialBuilder()
                .tenantId(System.getenv("AZURE_TENANT_ID"))
                .clientId(System.getenv("AZURE_CLIENT_ID"))
                .clientSecret(secret)
                .build();
    }
}
