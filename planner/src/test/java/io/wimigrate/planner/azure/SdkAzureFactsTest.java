package io.wimigrate.planner.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wimigrate.azure.emulator.AzureEmulator;
import io.wimigrate.azure.emulator.InventorySeeder;
import io.wimigrate.azure.emulator.ManagedIdentity;
import io.wimigrate.azure.emulator.RequestRecord;
import io.wimigrate.azure.emulator.SeededApplication;
import io.wimigrate.planner.AzureFacts;
import io.wimigrate.planner.Planner;
import io.wimigrate.planner.PlanRequest;
import io.wimigrate.planner.io.PlanCodec;
import io.wimigrate.planner.model.Target;
import io.wimigrate.scanner.Progress;
import io.wimigrate.scanner.cluster.ClusterScanner;
import io.wimigrate.scanner.model.AzureIdentity;
import io.wimigrate.scanner.model.ClusterInventory;
import io.wimigrate.scanner.model.IdentityType;
import io.wimigrate.scanner.model.Inventory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Azure reads through the real SDK, against the emulator seeded with the example's Azure side. */
class SdkAzureFactsTest {

    private static final Path EXAMPLES = Path.of("").toAbsolutePath().getParent().resolve("examples");
    private static final String ISSUER = "https://eastus.oic.prod-aks.azure.com/tenant/cluster/";

    private static AzureEmulator emulator;
    private static ClusterInventory cluster;
    private static AzureIdentity legacySp;
    private static AzureIdentity paymentsApi;
    private static AzureConnection connection;
    private static SdkAzureFacts facts;

    @BeforeAll
    static void seed() {
        cluster = new ClusterScanner().scanDump(EXAMPLES.resolve("cluster"), "examples/cluster", false,
                Progress.NONE).value();
        legacySp = identity(IdentityType.SERVICE_PRINCIPAL, "orders-legacy-sp");
        paymentsApi = identity(IdentityType.USER_ASSIGNED_MSI, "payments-api-id");
        emulator = AzureEmulator.builder().tenantId(legacySp.tenantId())
                .subscriptionIds(paymentsApi.resourceId().split("/")[2]).start();
        InventorySeeder.Seeded seeded = InventorySeeder.seed(emulator, cluster,
                EXAMPLES.resolve("azure/role-assignments.yaml"), "eastus");
        ManagedIdentity payments = emulator.state().identity(paymentsApi.resourceId()).orElseThrow();
        emulator.seed().federatedCredential(payments, "payments-api-b", ISSUER, "system:serviceaccount:payments:b");
        emulator.seed().federatedCredential(payments, "payments-api-a", ISSUER, "system:serviceaccount:payments:a");
        emulator.seed().federatedCredential(seeded.servicePrincipals().get("orders/orders-legacy-sp").application(),
                "legacy-sync", ISSUER, "system:serviceaccount:orders:legacy-sync");

        SeededApplication operator = emulator.seed().servicePrincipalWithSecret("wimigrate-operator");
        HttpClient http = new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder()
                .sslContext(emulator.clientSslContext())).build();
        connection = new AzureConnection(new AzureEnvironment(emulator.environmentEndpoints()),
                emulator.tenantId(), List.of(emulator.subscriptionId()),
                new ClientSecretCredentialBuilder().tenantId(emulator.tenantId()).clientId(operator.appId())
                        .clientSecret(operator.secret()).authorityHost(emulator.authorityHost())
                        .disableInstanceDiscovery().httpClient(http).build(),
                http);
        facts = new SdkAzureFacts(connection);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void existingFederatedCredentialsOfAnIdentityAreRead() {
        String[] id = paymentsApi.resourceId().split("/");

        assertThat(facts.federatedCredentials(Target.identity(id[2], id[4], id[8])).orElseThrow())
                .containsExactly(
                        new AzureFacts.ExistingFederatedCredential("payments-api-a", ISSUER,
                                "system:serviceaccount:payments:a"),
                        new AzureFacts.ExistingFederatedCredential("payments-api-b", ISSUER,
                                "system:serviceaccount:payments:b"));
        assertThat(facts.federatedCredentials(Target.identity(id[2], id[4], "id-not-created-yet")))
                .contains(List.of());
    }

    @Test
    void federatedCredentialsOfAnAppRegistrationAreRead() {
        assertThat(facts.federatedCredentials(Target.application(legacySp.tenantId(), legacySp.clientId()))
                .orElseThrow()).extracting(AzureFacts.ExistingFederatedCredential::name)
                .containsExactly("legacy-sync");
    }

    @Test
    void aServicePrincipalsRoleAssignmentsAreReadByClientId() {
        String scope = "/subscriptions/" + emulator.subscriptionId() + "/resourceGroups/rg-contoso-orders";

        assertThat(facts.roleAssignments(legacySp.clientId()).orElseThrow()).containsExactly(
                new AzureFacts.RoleAssignment("Reader", scope),
                new AzureFacts.RoleAssignment("Storage Blob Data Contributor", scope));
        assertThat(facts.roleAssignments("00000000-0000-0000-0000-000000000000")).isEmpty();
    }

    @Test
    void anOnlinePlanCopiesTheServicePrincipalsActualRoles() {
        Inventory inventory = Inventory.of(List.of(cluster), List.of(), List.of(), List.of());
        String online = PlanCodec.write(Planner.plan(new PlanRequest(inventory, facts, null, null, null, null,
                null, null, null)));
        String offline = PlanCodec.write(Planner.plan(PlanRequest.offline(inventory)));

        assertThat(online).contains("Storage Blob Data Contributor").contains("azureResolved: true");
        assertThat(offline).doesNotContain("Storage Blob Data Contributor");
    }

    /**
     * Throttling and server errors beyond the SDK's three retries are waited out (Retry-After honoured): a read given
     * up on would be an unknown fact, which makes apply refuse its plan as stale.
     */
    @Test
    void readsOutlastABurstOfThrottlingAndServerErrorsWaitingWhatRetryAfterSays() {
        String[] id = paymentsApi.resourceId().split("/");
        Target payments = Target.identity(id[2], id[4], id[8]);
        Target legacyApp = Target.application(legacySp.tenantId(), legacySp.clientId());
        Object[] faultFree = {facts.federatedCredentials(payments), facts.federatedCredentials(legacyApp),
            facts.roleAssignments(legacySp.clientId())};
        SdkAzureFacts fresh = new SdkAzureFacts(connection);
        emulator.requestLog().clear();
        try {
            List<Object> underFaults = List.of(
                    withFaults(() -> fresh.federatedCredentials(payments)),
                    withFaults(() -> fresh.federatedCredentials(legacyApp)),
                    withFaults(() -> fresh.roleAssignments(legacySp.clientId())));

            assertThat(underFaults).containsExactly(faultFree);
        } finally {
            emulator.faults().reset();
        }
        List<RequestRecord> log = emulator.requestLog().all().stream()
                .sorted(Comparator.comparing(RequestRecord::start)).toList();
        assertThat(log).filteredOn(r -> r.status() == 429).hasSizeGreaterThanOrEqualTo(15);
        for (int i = 0; i < log.size(); i++) {
            RequestRecord throttled = log.get(i);
            if (throttled.status() == 429) {
                RequestRecord retry = log.subList(i + 1, log.size()).stream()
                        .filter(r -> r.path().equals(throttled.path()) && Objects.equals(r.query(), throttled.query()))
                        .findFirst().orElseThrow();
                assertThat(retry.start()).isAfterOrEqualTo(throttled.end().plusSeconds(1));
            }
        }
    }

    /** More 429s in a row than the SDK retries, then two 500s, before the read gets through. */
    private static Object withFaults(Supplier<Object> read) {
        emulator.faults().throttleNext(5, 1).serverErrorNext(2);
        return read.get();
    }

    @Test
    void prefetchReadsEveryIdentityAtOnceAndThePlannersQuestionsAreAnsweredFromWhatItRead() {
        SdkAzureFacts fresh = new SdkAzureFacts(connection);
        Inventory inventory = Inventory.of(List.of(cluster), List.of(), List.of(), List.of());
        emulator.requestLog().clear();
        emulator.faults().latency(Duration.ofMillis(300));
        long userAssigned;
        try {
            fresh.prefetch(inventory);
            userAssigned = cluster.azureIdentities().stream().filter(identity -> {
                boolean msi = identity.type() == IdentityType.USER_ASSIGNED_MSI;
                boolean known = msi ? fresh.federatedCredentials(Target.identityById(identity.resourceId()))
                        .isPresent() : fresh.roleAssignments(identity.clientId()).isPresent();
                assertThat(known).as("%s read", identity.ref()).isTrue();
                return msi;
            }).count();
        } finally {
            emulator.faults().reset();
        }
        List<RequestRecord> lists = emulator.requestLog().matching(r -> r.path().endsWith(
                "/federatedIdentityCredentials"));
        assertThat(lists).as("one read per user-assigned identity, the prefetch's").hasSize((int) userAssigned)
                .hasSizeGreaterThan(1);
        assertThat(lists).as("identity reads that overlap another")
                .anyMatch(a -> lists.stream().anyMatch(b -> a != b && a.overlaps(b)));

        emulator.requestLog().clear();
        String[] id = paymentsApi.resourceId().split("/");
        assertThat(fresh.federatedCredentials(Target.identity(id[2], id[4], id[8])).orElseThrow()).hasSize(2);
        assertThat(fresh.roleAssignments(legacySp.clientId()).orElseThrow()).hasSize(2);
        assertThat(emulator.requestLog().all()).as("requests after the prefetch").isEmpty();
    }

    /** Every ARM request an online plan makes is an operation the shipped plan role allows (deploy/azure). */
    @Test
    void thePlanReaderRoleCoversEveryArmRequestOfAPlan() throws Exception {
        emulator.requestLog().clear();
        Planner.plan(new PlanRequest(Inventory.of(List.of(cluster), List.of(), List.of(), List.of()),
                new SdkAzureFacts(connection), null,
                null, null, null, null, null, null));

        Set<String> operations = new TreeSet<>();
        for (RequestRecord request : emulator.requestLog().all()) {
            request.armAction().ifPresent(operations::add);
        }
        JsonNode role = new ObjectMapper().readTree(EXAMPLES.getParent()
                .resolve("deploy/azure/wimigrate-plan-reader.json").toFile());
        Set<String> allowed = new TreeSet<>();
        role.get("Actions").forEach(action -> allowed.add(action.asText()));

        assertThat(operations).contains("Microsoft.Authorization/roleAssignments/read",
                "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/read");
        assertThat(allowed).containsAll(operations);
    }

    private static AzureIdentity identity(IdentityType type, String name) {
        return cluster.azureIdentities().stream().filter(i -> i.type() == type && i.ref().name().equals(name))
                .findFirst().orElseThrow();
    }
}
