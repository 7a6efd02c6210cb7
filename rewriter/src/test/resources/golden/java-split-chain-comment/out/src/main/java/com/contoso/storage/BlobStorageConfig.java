package com.contoso.storage;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import java.util.function.Function;

/** Storage access for settlement files. */
public class BlobStorageConfig {

    public <T> T settlementClient(Function<TokenCredential, T> clientFactory) {
        DefaultAzureCredential credential = new DefaultAzureCredentialBuilder().build();

        return clientFactory.apply(credential);
    }
}
