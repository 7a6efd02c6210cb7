package io.wimigrate.azure.emulator;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.ClientAssertionCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.resourcemanager.authorization.AuthorizationManager;
import com.azure.resourcemanager.msi.MsiManager;
import java.util.function.Supplier;

/** The real Azure SDK clients, pointed at an emulator exactly as the product points them at a cloud. */
final class SdkClients {
    final AzureEmulator emulator;
    final HttpClient http;
    final AzureProfile profile;

    SdkClients(AzureEmulator emulator) {
        this.emulator = emulator;
        http = new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(emulator.clientSslContext()))
                .build();
        profile = new AzureProfile(emulator.tenantId(), emulator.subscriptionId(),
                new AzureEnvironment(emulator.environmentEndpoints()));
    }

    TokenCredential secretCredential(SeededApplication app) {
        return secretCredential(app.appId(), app.secret());
    }

    TokenCredential secretCredential(String clientId, String secret) {
        return new ClientSecretCredentialBuilder()
                .tenantId(emulator.tenantId())
                .clientId(clientId)
                .clientSecret(secret)
                .authorityHost(emulator.authorityHost())
                .disableInstanceDiscovery()
                .httpClient(http)
                .build();
    }

    TokenCredential assertionCredential(String clientId, Supplier<String> assertion) {
        return new ClientAssertionCredentialBuilder()
                .tenantId(emulator.tenantId())
                .clientId(clientId)
                .clientAssertion(assertion)
                .authorityHost(emulator.authorityHost())
                .disableInstanceDiscovery()
                .httpClient(http)
                .build();
    }

    MsiManager msi(TokenCredential credential) {
        return MsiManager.configure().withHttpClient(http).authenticate(credential, profile);
    }

    AuthorizationManager authorization(TokenCredential credential) {
        return AuthorizationManager.configure().withHttpClient(http).authenticate(credential, profile);
    }

    /** The scope for ARM, as the management SDKs ask for it. */
    String armScope() {
        return emulator.environmentEndpoints().get("resourceManagerEndpointUrl") + ".default";
    }
}
