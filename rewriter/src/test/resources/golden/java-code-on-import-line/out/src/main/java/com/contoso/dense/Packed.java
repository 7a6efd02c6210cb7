package com.contoso.dense; class Packed { com.azure.core.credential.TokenCredential credential = new com.azure.identity.DefaultAzureCredentialBuilder().build(); }
