package com.contoso.dense; class Packed { com.azure.core.credential.TokenCredential credential = new com.azure.identity.ClientSecretCredentialBuilder()
        .clientSecret(System.getenv("AZURE_CLIENT_SECRET")).build(); }
