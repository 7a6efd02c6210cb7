package io.wimigrate.azure.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.resourcemanager.msi.MsiManager;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultInjectionContractTest {
    private static AzureEmulator emulator;
    private static MsiManager msi;
    private static ManagedIdentity identity;

    @BeforeAll
    static void start() {
        emulator = AzureEmulator.start();
        identity = emulator.seed().identity("rg-faults", "id-faults", "eastus");
        SdkClients clients = new SdkClients(emulator);
        msi = clients.msi(clients.secretCredential(emulator.seed().servicePrincipalWithSecret("wimigrate")));
        msi.identities().getById(identity.id());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.faults().reset();
        emulator.requestLog().clear();
    }

    @Test
    void throttledRequestsAreRetriedAfterRetryAfterAndSucceed() {
        emulator.faults().throttleNext(2, 1);

        assertThat(msi.identities().getById(identity.id()).clientId()).isEqualTo(identity.clientId());

        List<RequestRecord> gets = identityGets();
        assertThat(gets).extracting(RequestRecord::status).containsExactly(429, 429, 200);
        assertThat(Duration.between(gets.get(0).end(), gets.get(1).start())).isGreaterThanOrEqualTo(
                Duration.ofMillis(900));
    }

    @Test
    void serverErrorsAreRetriedAndSucceed() {
        emulator.faults().serverErrorNext(2);

        assertThat(msi.identities().getById(identity.id()).name()).isEqualTo("id-faults");

        assertThat(identityGets()).extracting(RequestRecord::status).containsExactly(500, 500, 200);
    }

    @Test
    void randomServerErrorsAreReproducibleForASeed() {
        List<Integer> first = statusesWithRandomErrors(42);
        List<Integer> second = statusesWithRandomErrors(42);

        assertThat(first).isEqualTo(second).last().isEqualTo(200);
    }

    @Test
    void latencyIsAddedToEveryRequest() {
        emulator.faults().latency(Duration.ofMillis(300));

        msi.identities().getById(identity.id());

        RequestRecord get = identityGets().get(0);
        assertThat(Duration.between(get.start(), get.end())).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    private List<Integer> statusesWithRandomErrors(long seed) {
        emulator.requestLog().clear();
        emulator.faults().reset().seed(seed).serverErrorRate(0.3);
        msi.identities().getById(identity.id());
        return identityGets().stream().map(RequestRecord::status).toList();
    }

    private static List<RequestRecord> identityGets() {
        return emulator.requestLog().matching(r -> r.method().equals("GET") && r.path().endsWith("/id-faults"));
    }
}
