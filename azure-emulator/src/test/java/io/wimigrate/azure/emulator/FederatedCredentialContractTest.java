package io.wimigrate.azure.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.msi.fluent.FederatedIdentityCredentialsClient;
import com.azure.resourcemanager.msi.fluent.models.FederatedIdentityCredentialInner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FederatedCredentialContractTest {
    private static final String ISSUER = "https://oidc.example.test/cluster-1/";
    private static final String RG = "rg-wi";

    private static AzureEmulator emulator;
    private static FederatedIdentityCredentialsClient fics;

    @BeforeAll
    static void start() {
        emulator = AzureEmulator.start();
        SdkClients clients = new SdkClients(emulator);
        fics = clients.msi(clients.secretCredential(emulator.seed().servicePrincipalWithSecret("wimigrate")))
                .serviceClient().getFederatedIdentityCredentials();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void resetFaults() {
        emulator.faults().reset().ficWriteDuration(Duration.ZERO);
    }

    @Test
    void createsGetsListsAndDeletesAFederatedCredential() {
        ManagedIdentity identity = emulator.seed().identity(RG, "id-crud", "eastus");

        FederatedIdentityCredentialInner created = fics.createOrUpdate(RG, "id-crud", "orders-sa", fic("ns:orders"));

        assertThat(created.issuer()).isEqualTo(ISSUER);
        assertThat(created.subject()).isEqualTo("system:serviceaccount:ns:orders");
        assertThat(created.audiences()).containsExactly(Seeder.TOKEN_EXCHANGE_AUDIENCE);
        assertThat(created.id()).isEqualToIgnoringCase(identity.id() + "/federatedIdentityCredentials/orders-sa");
        assertThat(fics.get(RG, "id-crud", "orders-sa").subject()).isEqualTo("system:serviceaccount:ns:orders");
        assertThat(fics.list(RG, "id-crud")).extracting(FederatedIdentityCredentialInner::name)
                .containsExactly("orders-sa");

        fics.delete(RG, "id-crud", "orders-sa");

        assertThat(emulator.state().federatedCredentials(identity.id())).isEmpty();
    }

    @Test
    void theTwentyFirstCredentialIsRefused() {
        emulator.seed().identity(RG, "id-full", "eastus");
        for (int i = 1; i <= 20; i++) {
            fics.createOrUpdate(RG, "id-full", "fic-" + i, fic("ns:sa-" + i));
        }

        assertRefused(() -> fics.createOrUpdate(RG, "id-full", "fic-21", fic("ns:sa-21")), 400, "BadRequest",
                "maximum number of federated identity credentials (20)");
        fics.createOrUpdate(RG, "id-full", "fic-20", fic("ns:sa-20"));
    }

    @Test
    void issuerAndSubjectAreUniquePerIdentity() {
        emulator.seed().identity(RG, "id-dup", "eastus");
        fics.createOrUpdate(RG, "id-dup", "first", fic("ns:shared"));

        assertRefused(() -> fics.createOrUpdate(RG, "id-dup", "second", fic("ns:shared")), 400, "BadRequest",
                "Issuer and subject combination already exists");
    }

    @Test
    void exactlyOneAudienceIsAllowed() {
        emulator.seed().identity(RG, "id-aud", "eastus");

        assertRefused(() -> fics.createOrUpdate(RG, "id-aud", "two-audiences", fic("ns:a")
                .withAudiences(List.of(Seeder.TOKEN_EXCHANGE_AUDIENCE, "api://other"))), 400, "BadRequest",
                "exactly 1 audience");
    }

    @Test
    void namesFollowAzuresPattern() {
        emulator.seed().identity(RG, "id-names", "eastus");

        assertRefused(() -> fics.createOrUpdate(RG, "id-names", "ab", fic("ns:a")), 400, "BadRequest",
                "name 'ab' is invalid");
        assertRefused(() -> fics.createOrUpdate(RG, "id-names", "-leading-dash", fic("ns:a")), 400, "BadRequest",
                "is invalid");
        assertRefused(() -> fics.createOrUpdate(RG, "id-names", "x".repeat(121), fic("ns:a")), 400, "BadRequest",
                "is invalid");
        fics.createOrUpdate(RG, "id-names", "a_b-c", fic("ns:a"));
    }

    @Test
    void wildcardsAreRefused() {
        emulator.seed().identity(RG, "id-wild", "eastus");

        assertRefused(() -> fics.createOrUpdate(RG, "id-wild", "wild", fic("ns:*")), 400, "BadRequest", "Wildcard");
    }

    @Test
    void credentialsOnAMissingIdentityAreRefused() {
        assertRefused(() -> fics.createOrUpdate(RG + "-none", "id-none", "x-sa", fic("ns:a")), 404,
                "ResourceGroupNotFound", "could not be found");
        emulator.seed().resourceGroup(RG, "eastus");
        assertRefused(() -> fics.createOrUpdate(RG, "id-none", "x-sa", fic("ns:a")), 404,
                "ParentResourceNotFound", "does not exist");
    }

    @Test
    void overlappingWritesToOneIdentityGetConflict() throws Exception {
        emulator.seed().identity(RG, "id-race", "eastus");
        fics.list(RG, "id-race").stream().count();
        emulator.faults().ficWriteDuration(Duration.ofMillis(800));
        CyclicBarrier barrier = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<FederatedIdentityCredentialInner>> results = new ArrayList<>();
        for (String name : List.of("racer-a", "racer-b")) {
            results.add(pool.submit(() -> {
                barrier.await();
                return fics.createOrUpdate(RG, "id-race", name, fic("ns:" + name));
            }));
        }
        pool.shutdown();

        List<Throwable> failures = new ArrayList<>();
        int successes = 0;
        for (Future<FederatedIdentityCredentialInner> result : results) {
            try {
                result.get();
                successes++;
            } catch (java.util.concurrent.ExecutionException e) {
                failures.add(e.getCause());
            }
        }

        assertThat(successes).isEqualTo(1);
        assertThat(failures).singleElement().isInstanceOfSatisfying(ManagementException.class, e -> {
            assertThat(e.getResponse().getStatusCode()).isEqualTo(409);
            assertThat(e.getValue().getCode())
                    .isEqualTo("ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity");
        });
        List<RequestRecord> writes = emulator.requestLog().matching(r -> r.method().equals("PUT")
                && r.path().contains("/userAssignedIdentities/id-race/federatedIdentityCredentials/"));
        assertThat(writes).hasSize(2);
        assertThat(writes.get(0).overlaps(writes.get(1))).isTrue();
    }

    @Test
    void sequentialWritesNeverOverlapAndAllSucceed() {
        emulator.seed().identity(RG, "id-serial", "eastus");
        emulator.faults().ficWriteDuration(Duration.ofMillis(100));
        for (int i = 0; i < 3; i++) {
            fics.createOrUpdate(RG, "id-serial", "serial-" + i, fic("ns:serial-" + i));
        }

        List<RequestRecord> writes = emulator.requestLog().matching(r -> r.method().equals("PUT")
                && r.path().contains("/id-serial/federatedIdentityCredentials/"));
        assertThat(writes).hasSize(3).allSatisfy(w -> assertThat(w.status()).isEqualTo(201));
        for (int i = 1; i < writes.size(); i++) {
            assertThat(writes.get(i).overlaps(writes.get(i - 1))).isFalse();
        }
    }

    private static FederatedIdentityCredentialInner fic(String namespaceAndAccount) {
        return new FederatedIdentityCredentialInner().withIssuer(ISSUER)
                .withSubject("system:serviceaccount:" + namespaceAndAccount)
                .withAudiences(List.of(Seeder.TOKEN_EXCHANGE_AUDIENCE));
    }

    static void assertRefused(ThrowingCallable call, int status, String code, String messagePart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ManagementException.class, e -> {
            assertThat(e.getResponse().getStatusCode()).isEqualTo(status);
            assertThat(e.getValue().getCode()).isEqualTo(code);
            assertThat(e.getValue().getMessage()).contains(messagePart);
        });
    }
}
