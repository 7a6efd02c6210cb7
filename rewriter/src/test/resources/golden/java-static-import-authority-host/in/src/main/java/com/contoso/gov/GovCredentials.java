package com.contoso.gov;

import static com.azure.identity.AzureAuthorityHosts.AZURE_GOVERNMENT;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientSecretCredentialBuilder;

/** Azure Government: the authority host must survive the migration. */
public final class GovCredentials {

    private GovCredentials() {
    }

    public static TokenCredential government(String tenantId, String clientId, String secret) {
        return new ClientSecretCredentialBuilder()
                .authorityHost(AZURE_GOVERNMENT)
                .tenantId(tenantId)
                .clientId(clientId)
                .clientSecret(secret)
                .build();
    }
}
