package com.contoso.jobs;

import static java.lang.System.getenv;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.*;

public final class ReportJob {

    private final TokenCredential credential = new ClientSecretCredentialBuilder().tenantId(getenv("AZURE_TENANT_ID"))
            .clientId(getenv("AZURE_CLIENT_ID")).clientSecret(getenv("AZURE_CLIENT_SECRET")).build();

    public TokenCredential credential() {
        return credential;
    }
}
