package com.contoso.keys;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;

public class KeyVaultCredentials {

    /** Secrets vault: service principal with a client secret. */
    public TokenCredential secrets() {
        // The secret comes from the kv-sp Secret.
        String secret = System.getenv("KV_SP_SECRET");
        return new ClientSecretCredentialBuilder()
                .tenantId(System.getenv("AZURE_TENANT_ID"))
                .clientId(System.getenv("AZURE_CLIENT_ID"))
                .clientSecret(secret)
                .build();
    }

    /** Keys vault: the same principal with a PEM certificate. */
    public TokenCredential keys() {
        return new ClientCertificateCredentialBuilder()
                .tenantId(System.getenv("AZURE_TENANT_ID"))
                .clientId(System.getenv("AZURE_CLIENT_ID"))
                .pemCertificate("/etc/certs/kv-sp.pem") // mounted from the kv-sp-cert Secret
                .build();
    }
}
