package io.wimigrate.executor.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.identity.ClientSecretCredentialBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.azure.emulator.AzureEmulator;
import io.wimigrate.azure.emulator.SeededApplication;
import io.wimigrate.executor.MapPlaceholders;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.Timeouts;
import io.wimigrate.planner.azure.AzureConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An emulator reached through the real SDK as the operator's service principal, and step contexts on it: placeholders
 * from a map, short timeouts, and the log kept for assertions.
 */
public final class EmulatedAzure implements AutoCloseable {

    public static final String RESOURCE_GROUP = "rg-migrate";

    public final AzureEmulator emulator;
    public final AzureConnection connection;
    public final Map<String, String> values = new ConcurrentHashMap<>();
    public final List<String> log = new CopyOnWriteArrayList<>();
    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(10),
            Duration.ofMillis(20));

    public EmulatedAzure(AzureEmulator emulator) {
        this.emulator = emulator;
        emulator.seed().resourceGroup(RESOURCE_GROUP, "eastus");
        SeededApplication operator = emulator.seed().servicePrincipalWithSecret("wimigrate-operator");
        HttpClient http = new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder()
                .sslContext(emulator.clientSslContext())).build();
        connection = new AzureConnection(new AzureEnvironment(emulator.environmentEndpoints()), emulator.tenantId(),
                List.of(emulator.subscriptionId()), new ClientSecretCredentialBuilder().tenantId(emulator.tenantId())
                .clientId(operator.appId()).clientSecret(operator.secret()).authorityHost(emulator.authorityHost())
                .disableInstanceDiscovery().httpClient(http).build(), http);
    }

    public String scope() {
        return "/subscriptions/" + emulator.subscriptionId() + "/resourceGroups/" + RESOURCE_GROUP;
    }

    public StepContext context() {
        return context(null, false);
    }

    public StepContext dryRun() {
        return context(null, true);
    }

    public StepContext context(KubernetesClient kube, boolean dryRun) {
        return context(kube, dryRun, TIMEOUTS);
    }

    public StepContext context(KubernetesClient kube, boolean dryRun, Timeouts timeouts) {
        return new StepContext(kube, connection, new MapPlaceholders(values), dryRun, timeouts, log::add);
    }

    @Override
    public void close() {
        emulator.close();
    }
}
