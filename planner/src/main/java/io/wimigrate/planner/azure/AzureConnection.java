package io.wimigrate.planner.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.authorization.AuthorizationManager;
import com.azure.resourcemanager.msi.MsiManager;
import java.util.List;

/**
 * The Azure SDK clients for one tenant and its subscriptions. Endpoints come from the {@link AzureEnvironment} (public
 * cloud, a sovereign cloud, or a test emulator), never from code. Every client made here shares one token per scope
 * ({@link SharedTokenCredential}).
 */
public record AzureConnection(AzureEnvironment environment, String tenantId, List<String> subscriptions,
                              TokenCredential credential, HttpClient httpClient) {

    public AzureConnection {
        if (subscriptions.isEmpty()) {
            throw new IllegalArgumentException("at least one subscription is needed to read Azure");
        }
        subscriptions = List.copyOf(subscriptions);
        credential = SharedTokenCredential.of(credential);
    }

    public AzureProfile profile(String subscription) {
        return new AzureProfile(tenantId, subscription, environment);
    }

    public MsiManager msi(String subscription) {
        return MsiManager.configure().withHttpClient(httpClient).authenticate(credential, profile(subscription));
    }

    public AuthorizationManager authorization(String subscription) {
        return AuthorizationManager.configure().withHttpClient(httpClient)
                .authenticate(credential, profile(subscription));
    }
}
