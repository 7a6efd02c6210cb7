package com.contoso.dense; import com.azure.core.credential.TokenCredential; 
import com.azure.identity.DefaultAzureCredentialBuilder; class Dense { TokenCredential credential = new DefaultAzureCredentialBuilder().build();
}
