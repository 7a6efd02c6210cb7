package com.contoso.search;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import java.util.function.Consumer;

class SearchSetup {

    void configure(Consumer<TokenCredential> client) {
        client.accept(new DefaultAzureCredentialBuilder().build());
    }
}
