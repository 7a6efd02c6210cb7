package com.contoso.dense; import com.azure.core.credential.TokenCredential; import com.azure.identity.ClientSecretCredentialBuilder; class Dense { TokenCredential credential = new ClientSecretCredentialBuilder()
        .tenantId(System.getenv("AZURE_TENANT_ID")).clientId(System.getenv("AZURE_CLIENT_ID"))
        .clientSecret(System.getenv("AZURE_CLIENT_SECRET")).build();
}
