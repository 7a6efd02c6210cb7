package com.contoso.search;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.EnvironmentCredentialBuilder;
import java.util.function.Consumer;

class SearchSetup {

    void configure(Consumer<TokenCredential> client) {
        client.accept(new EnvironmentCredentialBuilder().build());
    }
}
