package com.contoso.billing;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientSecretCredentialBuilder;

public class BillingCredentials {

    private static final String SECRET_VARIABLE = "BILLING_SP_SECRET";

    public TokenCredential create() {
        String tenant = System.getenv("AZURE_TENANT_ID");
        String secret = System.getenv(SECRET_VARIABLE);
        // the client id is the billing service principal's
        String clientId = System.getenv("AZURE_CLIENT_ID");
        TokenCredential credential = new ClientSecretCredentialBuilder()
                .tenantId(tenant)
                .clientId(clientId)
                .clientSecret(secret)
                .build();
        return credential;
    }
}
