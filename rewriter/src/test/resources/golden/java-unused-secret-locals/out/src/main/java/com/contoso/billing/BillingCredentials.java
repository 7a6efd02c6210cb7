package com.contoso.billing;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;

public class BillingCredentials {

    private static final String SECRET_VARIABLE = "BILLING_SP_SECRET";

    public TokenCredential create() {
        TokenCredential credential = new DefaultAzureCredentialBuilder().build();
        return credential;
    }
}
