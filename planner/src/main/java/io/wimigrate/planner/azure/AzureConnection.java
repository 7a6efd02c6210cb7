package io.wimigrate.planner.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.core.util.Configuration;
import com.azure.resourcemanager.authorization.AuthorizationManager;
import com.azure.resourcemanager.msi.MsiManager;
import com.azure.resourcemanager.resources.fluentcore.utils.HttpPipelineProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Azure SDK clients for one tenant and its subscriptions. Endpoints come from the {@link AzureEnvironment} (public
 * cloud, a sovereign cloud, or a test emulator), never from code. Every client made here shares one token per scope
 * ({@link SharedTokenCredential}, sent by {@link SessionTokenPolicy}), and each subscription's managers are made once: building one (an HTTP pipeline,
 * serializers, service clients) costs more CPU than the request it then sends, and apply asks for one per step.
 */
public final class AzureConnection {

    private final AzureEnvironment environment;
    private final String tenantId;
    private final List<String> subscriptions;
    private final TokenCredential credential;
    private final HttpClient httpClient;
    private final Map<String, MsiManager> msi = new ConcurrentHashMap<>();
    private final Map<String, AuthorizationManager> authorization = new ConcurrentHashMap<>();

    public AzureConnection(AzureEnvironment environment, String tenantId, List<String> subscriptions,
                           TokenCredential credential, HttpClient httpClient) {
        if (subscriptions.isEmpty()) {
            throw new IllegalArgumentException("at least one subscription is needed to read Azure");
        }
        this.environment = environment;
        this.tenantId = tenantId;
        this.subscriptions = List.copyOf(subscriptions);
        this.credential = SharedTokenCredential.of(credential);
        this.httpClient = httpClient;
    }

    public AzureEnvironment environment() {
        return environment;
    }

    public String tenantId() {
        return tenantId;
    }

    public List<String> subscriptions() {
        return subscriptions;
    }

    public TokenCredential credential() {
        return credential;
    }

    public HttpClient httpClient() {
        return httpClient;
    }

    public AzureProfile profile(String subscription) {
        return new AzureProfile(tenantId, subscription, environment);
    }

    public MsiManager msi(String subscription) {
        return msi.computeIfAbsent(subscription, s -> MsiManager.authenticate(pipeline(profile(s)), profile(s)));
    }

    public AuthorizationManager authorization(String subscription) {
        return authorization.computeIfAbsent(subscription, s -> AuthorizationManager.authenticate(
                pipeline(profile(s)), profile(s)));
    }

    /**
     * Signs in for Azure Resource Manager in the background, so the token is there (and the sign-in's TLS connection
     * has warmed the HTTP stack) when the first management request goes out: apply's freshness check scans the cluster
     * meanwhile. A failure is left to the first request, which signs in again and reports it.
     */
    public void signInInBackground() {
        TokenRequestContext token = SessionTokenPolicy.tokenFor(new HttpRequest(HttpMethod.GET,
                environment.getResourceManagerEndpoint()), environment);
        Thread thread = new Thread(() -> {
            try {
                credential.getTokenSync(token);
            } catch (RuntimeException e) {
                // The first request that needs the token signs in again and reports why it cannot.
            }
        }, "wimigrate-azure-sign-in");
        thread.setDaemon(true);
        thread.start();
    }

    /** The SDK's own pipeline for a management client (retries, user agent, request ids), with our token policy. */
    private HttpPipeline pipeline(AzureProfile profile) {
        return HttpPipelineProvider.buildHttpPipeline(null, profile, null, new HttpLogOptions(),
                Configuration.getGlobalConfiguration(), null, List.of(new SessionTokenPolicy(credential, environment)),
                httpClient);
    }
}
