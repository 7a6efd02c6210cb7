package com.contoso.jobs;


import com.azure.core.credential.TokenCredential;
import com.azure.identity.*;

public final class ReportJob {

    private final TokenCredential credential = new DefaultAzureCredentialBuilder().build();

    public TokenCredential credential() {
        return credential;
    }
}
