package io.wimigrate.azure.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.resourcemanager.msi.fluent.models.FederatedIdentityCredentialInner;
import com.azure.identity.WorkloadIdentityCredentialBuilder;
import com.microsoft.aad.msal4j.MsalServiceException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenExchangeContractTest {
    @TempDir
    static Path tempDir;

    private static TestIssuer issuer;
    private static AzureEmulator emulator;
    private static SdkClients clients;
    private static ManagedIdentity identity;
    private static SeededApplication caller;

    @BeforeAll
    static void start() throws Exception {
        issuer = new TestIssuer(tempDir.resolve("issuer"));
        emulator = AzureEmulator.builder().issuerTrust(issuer.tls().clientContext()).start();
        clients = new SdkClients(emulator);
        caller = emulator.seed().servicePrincipalWithSecret("wimigrate");
        identity = emulator.seed().identity("rg-wi", "id-orders", "eastus");
        emulator.seed().federatedCredential(identity, "orders-sa", issuer.url(), "system:serviceaccount:shop:orders");
    }

    @AfterAll
    static void stop() {
        emulator.close();
        issuer.close();
    }

    @BeforeEach
    void reset() {
        emulator.faults().reset();
    }

    @Test
    void aServiceAccountTokenIsExchangedForAnAccessTokenTheArmEndpointsAccept() {
        TokenCredential credential = clients.assertionCredential(identity.clientId(),
                () -> issuer.serviceAccountToken("shop", "orders"));

        AccessToken token = credential.getTokenSync(new TokenRequestContext().addScopes(clients.armScope()));

        assertThat(token.getToken()).isNotBlank();
        assertThat(token.getExpiresAt()).isAfter(java.time.OffsetDateTime.now().plusMinutes(50));
        assertThat(clients.msi(credential).identities().getById(identity.id()).clientId())
                .isEqualTo(identity.clientId());
    }

    @Test
    void workloadIdentityCredentialReadsTheProjectedTokenFile() throws Exception {
        Path tokenFile = tempDir.resolve("azure-identity-token");
        java.nio.file.Files.writeString(tokenFile, issuer.serviceAccountToken("shop", "orders"));
        TokenCredential credential = new WorkloadIdentityCredentialBuilder()
                .tenantId(emulator.tenantId())
                .clientId(identity.clientId())
                .tokenFilePath(tokenFile.toString())
                .authorityHost(emulator.authorityHost())
                .disableInstanceDiscovery()
                .httpClient(clients.http)
                .build();

        assertThat(clients.msi(credential).identities().getById(identity.id()).name()).isEqualTo("id-orders");
    }

    @Test
    void anotherSubjectHasNoMatchingFederatedRecord() {
        assertTokenRefused(identity.clientId(), () -> issuer.serviceAccountToken("shop", "payments"), "AADSTS70021:");
    }

    @Test
    void anExpiredAssertionIsOutsideItsValidTimeRange() {
        assertTokenRefused(identity.clientId(), () -> issuer.token(issuer.url(), "system:serviceaccount:shop:orders",
                Instant.now().minus(Duration.ofHours(3)), Duration.ofHours(1)), "AADSTS700024:");
    }

    @Test
    void anIssuerNoCredentialNamesIsRefused() {
        assertTokenRefused(identity.clientId(), () -> issuer.token(issuer.url() + "/other",
                "system:serviceaccount:shop:orders", Instant.now(), Duration.ofHours(1)), "AADSTS700211:");
    }

    @Test
    void aForgedSignatureIsRefused() throws Exception {
        try (TestIssuer impostor = new TestIssuer(tempDir.resolve("impostor"))) {
            assertTokenRefused(identity.clientId(), () -> impostor.token(issuer.url(),
                    "system:serviceaccount:shop:orders", Instant.now(), Duration.ofHours(1)), "AADSTS700027:");
        }
    }

    @Test
    void aNonLoopbackIssuerIsNeverContacted() {
        ManagedIdentity remote = emulator.seed().identity("rg-wi", "id-remote", "eastus");
        emulator.seed().federatedCredential(remote, "remote-sa", "https://oidc.example.test/cluster",
                "system:serviceaccount:shop:orders");

        assertTokenRefused(remote.clientId(), () -> issuer.token("https://oidc.example.test/cluster",
                "system:serviceaccount:shop:orders", Instant.now(), Duration.ofHours(1)), "AADSTS50166:");
    }

    @Test
    void anUnknownClientIdIsApplicationNotFound() {
        assertTokenRefused("00000000-0000-0000-0000-000000000001", () -> issuer.serviceAccountToken("shop", "orders"),
                "AADSTS700016:");
    }

    @Test
    void aNewFederatedCredentialFailsUntilItHasPropagated() throws Exception {
        emulator.faults().ficPropagationDelay(Duration.ofSeconds(2));
        clients.msi(clients.secretCredential(caller)).serviceClient().getFederatedIdentityCredentials()
                .createOrUpdate("rg-wi", "id-orders", "billing-sa", new FederatedIdentityCredentialInner()
                        .withIssuer(issuer.url()).withSubject("system:serviceaccount:shop:billing")
                        .withAudiences(List.of(TestIssuer.AUDIENCE)));
        Instant created = Instant.now();

        assertTokenRefused(identity.clientId(), () -> issuer.serviceAccountToken("shop", "billing"), "AADSTS70021:");

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), created.plusMillis(2100)).toMillis()));
        assertThat(clients.assertionCredential(identity.clientId(), () -> issuer.serviceAccountToken("shop", "billing"))
                .getTokenSync(new TokenRequestContext().addScopes(clients.armScope())).getToken()).isNotBlank();
    }

    @Test
    void aWrongClientSecretIsInvalidClient() {
        TokenCredential credential = clients.secretCredential(caller.appId(), "not-the-secret");

        assertThatThrownBy(() -> credential.getToken(new TokenRequestContext().addScopes(clients.armScope())).block())
                .isInstanceOfSatisfying(MsalServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("invalid_client");
                    assertThat(e.statusCode()).isEqualTo(401);
                })
                .hasMessageStartingWith("AADSTS7000215:");
    }

    @Test
    void appRegistrationsExchangeAssertionsThroughTheirOwnCredentials() {
        SeededApplication app = emulator.seed().application("legacy-sp");
        emulator.seed().federatedCredential(app.application(), "legacy-sa", issuer.url(),
                "system:serviceaccount:legacy:app");

        assertThat(clients.assertionCredential(app.appId(), () -> issuer.serviceAccountToken("legacy", "app"))
                .getTokenSync(new TokenRequestContext().addScopes(clients.armScope())).getToken()).isNotBlank();
    }

    /** azure-identity hands MSAL's exception through unwrapped on the async path the ARM pipeline uses. */
    private static void assertTokenRefused(String clientId, java.util.function.Supplier<String> assertion,
                                           String code) {
        TokenCredential credential = clients.assertionCredential(clientId, assertion);
        assertThatThrownBy(() -> credential.getToken(new TokenRequestContext().addScopes(clients.armScope())).block())
                .isInstanceOf(MsalServiceException.class)
                .hasMessageStartingWith(code);
    }
}
