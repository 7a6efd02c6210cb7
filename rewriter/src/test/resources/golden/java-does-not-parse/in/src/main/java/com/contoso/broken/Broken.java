package com.contoso.broken;

import com.azure.identity.ClientSecretCredentialBuilder;

class Broken {
    Object credential() {
        return new ClientSecretCredentialBuilder()
                .clientSecret(System.getenv("AZURE_CLIENT_SECRET"))
                .build()
    }
