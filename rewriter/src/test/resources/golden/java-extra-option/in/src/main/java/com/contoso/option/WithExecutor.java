package com.contoso.option;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import java.util.concurrent.ExecutorService;

class WithExecutor {

    TokenCredential credential(ExecutorService executor) {
        return new ClientSecretCredentialBuilder()
                .tenantId(System.getenv("AZURE_TENANT_ID"))
                .clientId(System.getenv("AZURE_CLIENT_ID"))
                .clientSecret(System.getenv("AZURE_CLIENT_SECRET"))
                .executorService(executor)
                .build();
    }
}
