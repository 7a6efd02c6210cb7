package io.wimigrate.planner.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.identity.ClientSecretCredentialBuilder;
import io.wimigrate.azure.emulator.AzureEmulator;
import io.wimigrate.azure.emulator.ManagedIdentity;
import io.wimigrate.azure.emulator.SeededApplication;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AzureConnectionTest {

    /**
     * Apply makes an SDK client per step: a hundred at once, each with a token cache of its own, all asked Entra at the
     * same moment and hung past the SDK's twenty token threads. One login now fetches one token for all of them.
     */
    @Test
    void aHundredClientsReadingAtOnceShareOneTokenAndAllAnswer() throws Exception {
        try (AzureEmulator emulator = AzureEmulator.start()) {
            emulator.seed().resourceGroup("rg-shared", "eastus");
            ManagedIdentity identity = emulator.seed().identity("rg-shared", "id-shared", "eastus");
            SeededApplication operator = emulator.seed().servicePrincipalWithSecret("operator");
            HttpClient http = new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder()
                    .sslContext(emulator.clientSslContext())).build();
            AzureConnection connection = new AzureConnection(new AzureEnvironment(emulator.environmentEndpoints()),
                    emulator.tenantId(), List.of(emulator.subscriptionId()), new ClientSecretCredentialBuilder()
                    .tenantId(emulator.tenantId()).clientId(operator.appId()).clientSecret(operator.secret())
                    .authorityHost(emulator.authorityHost()).disableInstanceDiscovery().httpClient(http).build(),
                    http);
            emulator.faults().latency(Duration.ofMillis(100));
            ExecutorService pool = Executors.newFixedThreadPool(100);
            List<Future<Integer>> reads = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                reads.add(pool.submit(() -> connection.msi(emulator.subscriptionId()).serviceClient()
                        .getFederatedIdentityCredentials().list("rg-shared", identity.name()).stream()
                        .toList().size()));
            }
            for (Future<Integer> read : reads) {
                assertThat(read.get(60, TimeUnit.SECONDS)).isZero();
            }
            pool.shutdown();

            assertThat(emulator.requestLog().matching(r -> r.path().endsWith("/oauth2/v2.0/token"))).hasSize(1);
            assertThat(connection.msi(emulator.subscriptionId())).as("one manager per subscription, made once")
                    .isSameAs(connection.msi(emulator.subscriptionId()));
            assertThat(connection.authorization(emulator.subscriptionId()))
                    .isSameAs(connection.authorization(emulator.subscriptionId()));
        }
    }
}
