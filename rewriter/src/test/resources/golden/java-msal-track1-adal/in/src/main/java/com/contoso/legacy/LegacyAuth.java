package com.contoso.legacy;

import com.microsoft.aad.adal4j.AuthenticationContext;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.azure.credentials.ApplicationTokenCredentials;
import com.microsoft.azure.AzureEnvironment;
import java.util.concurrent.Executors;

class LegacyAuth {

    IClientCredential msal() {
        return ClientCredentialFactory.createFromSecret(System.getenv("AZURE_CLIENT_SECRET"));
    }

    ApplicationTokenCredentials track1() {
        return new ApplicationTokenCredentials(System.getenv("AZURE_CLIENT_ID"), System.getenv("AZURE_TENANT_ID"),
                System.getenv("AZURE_CLIENT_SECRET"), AzureEnvironment.AZURE);
    }

    AuthenticationContext adal() throws Exception {
        return new AuthenticationContext("https://login.microsoftonline.com/common", false,
                Executors.newSingleThreadExecutor());
    }
}
