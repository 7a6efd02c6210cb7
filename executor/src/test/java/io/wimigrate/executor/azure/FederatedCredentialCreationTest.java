package io.wimigrate.executor.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.resourcemanager.msi.fluent.FederatedIdentityCredentialsClient;
import com.azure.resourcemanager.msi.fluent.models.FederatedIdentityCredentialInner;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.azure.emulator.FederatedCredential;
import io.wimigrate.azure.emulator.ManagedIdentity;
import io.wimigrate.azure.emulator.RequestRecord;
import io.wimigrate.azure.emulator.SeededApplication;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepFailedException;
import io.wimigrate.planner.model.CreateFederatedCredential;
import io.wimigrate.planner.model.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Federated credentials on user-assigned identities, against the emulator with its faults, through the real SDK. */
@ExtendWith(EmulatedAzureExtension.class)
class FederatedCredentialCreationTest {

    private static final String ISSUER = "https://127.0.0.1:6443";
    private static EmulatedAzure azure;
    private final FederatedCredentialCreation handler = new FederatedCredentialCreation();

    @BeforeAll
    static void start(EmulatedAzure shared) {
        azure = shared;
        azure.values.put("Cluster/test.oidcIssuer", ISSUER);
    }

    private static ManagedIdentity identity(String name) {
        return azure.emulator.seed().identity(EmulatedAzure.RESOURCE_GROUP, name, "eastus");
    }

    private static CreateFederatedCredential step(ManagedIdentity identity, String name, String serviceAccount) {
        return new CreateFederatedCredential(Target.identity(azure.emulator.subscriptionId(),
                EmulatedAzure.RESOURCE_GROUP, identity.name()), new CreateFederatedCredential.Desired(name,
                "$(Cluster/test.oidcIssuer)", "system:serviceaccount:apps:" + serviceAccount,
                CreateFederatedCredential.AUDIENCE), "pods of apps:" + serviceAccount);
    }

    private static List<String> names(ManagedIdentity identity) {
        return azure.emulator.state().federatedCredentials(identity.id()).stream().map(FederatedCredential::name)
                .sorted().toList();
    }

    @Test
    void createsThePlannedCredentialOnceAndRevertDeletesIt() {
        ManagedIdentity identity = identity("id-fic-create");
        CreateFederatedCredential step = step(identity, "test-apps-api", "api");
        ObjectNode prior = handler.observe(step, azure.context());

        Applied first = handler.apply(step, prior, azure.context());
        Applied second = handler.apply(step, prior, azure.context());

        assertThat(first.changed()).isTrue();
        assertThat(second.changed()).isFalse();
        FederatedCredential created = azure.emulator.state().federatedCredentials(identity.id()).get(0);
        assertThat(created.name()).isEqualTo("test-apps-api");
        assertThat(created.issuer()).isEqualTo(ISSUER);
        assertThat(created.subject()).isEqualTo("system:serviceaccount:apps:api");
        assertThat(created.audiences()).containsExactly("api://AzureADTokenExchange");

        handler.revert(step, prior, azure.context());
        handler.revert(step, prior, azure.context());
        assertThat(names(identity)).isEmpty();
    }

    @Test
    void aStepReadsItsIdentityOnceFromObserveToApplyAndAResumedStepReadsAfresh() {
        ManagedIdentity identity = identity("id-fic-one-read");
        CreateFederatedCredential step = step(identity, "test-apps-once", "once");
        azure.emulator.requestLog().clear();

        handler.apply(step, handler.observe(step, azure.context()), azure.context());

        assertThat(azure.emulator.requestLog().matching(r -> r.path().contains(identity.name())))
                .extracting(RequestRecord::method).containsExactly("GET", "PUT");

        CreateFederatedCredential resumed = step(identity, "test-apps-resumed", "resumed");
        ObjectNode recordedByAnEarlierRun = JsonNodeFactory.instance.objectNode().put("existed", false);
        azure.emulator.seed().federatedCredential(identity, "someone-elses", ISSUER,
                "system:serviceaccount:apps:resumed");
        azure.emulator.requestLog().clear();

        Applied applied = handler.apply(resumed, recordedByAnEarlierRun, azure.context());

        assertThat(applied.changed()).as("the credential added since the prior was recorded is seen").isFalse();
        assertThat(azure.emulator.requestLog().matching(r -> r.path().contains(identity.name())))
                .extracting(RequestRecord::method).containsExactly("GET");
    }

    @Test
    void dryRunDescribesTheCredentialAndWritesNothing() {
        ManagedIdentity identity = identity("id-fic-dry");
        CreateFederatedCredential step = step(identity, "test-apps-dry", "dry");
        azure.emulator.requestLog().clear();

        Applied applied = handler.apply(step, handler.observe(step, azure.dryRun()), azure.dryRun());

        assertThat(applied.detail()).startsWith("would create federated credential test-apps-dry");
        assertThat(names(identity)).isEmpty();
        assertThat(azure.emulator.requestLog().matching(r -> !r.method().equals("GET")
                && r.path().contains("federatedIdentityCredentials"))).isEmpty();
    }

    @Test
    void anIdentityNotCreatedYetIsDescribedInADryRunAndNamedOtherwise() {
        CreateFederatedCredential step = new CreateFederatedCredential(Target.identity(
                azure.emulator.subscriptionId(), EmulatedAzure.RESOURCE_GROUP, "id-phase-one"),
                new CreateFederatedCredential.Desired("test-apps-later", ISSUER, "system:serviceaccount:apps:later",
                        CreateFederatedCredential.AUDIENCE), "later");

        assertThat(handler.apply(step, handler.observe(step, azure.dryRun()), azure.dryRun()).detail())
                .isEqualTo("would create federated credential test-apps-later on identity id-phase-one in resource"
                        + " group " + EmulatedAzure.RESOURCE_GROUP + " (subscription "
                        + azure.emulator.subscriptionId() + ") (created in phase 1) for"
                        + " system:serviceaccount:apps:later");
        assertThatThrownBy(() -> handler.apply(step, null, azure.context()))
                .isInstanceOf(StepFailedException.class)
                .hasMessageEndingWith("does not exist; its identity step (phase 1) must run first");
    }

    @Test
    void anExistingCredentialIsKeptAndNeverDeletedByRevert() {
        ManagedIdentity identity = identity("id-fic-existing");
        azure.emulator.seed().federatedCredential(identity, "test-apps-same", ISSUER,
                "system:serviceaccount:apps:same");
        azure.emulator.seed().federatedCredential(identity, "hand-made", ISSUER, "system:serviceaccount:apps:other");
        CreateFederatedCredential identical = step(identity, "test-apps-same", "same");
        CreateFederatedCredential otherName = step(identity, "test-apps-other", "other");
        ObjectNode identicalPrior = handler.observe(identical, azure.context());
        ObjectNode otherPrior = handler.observe(otherName, azure.context());

        Applied same = handler.apply(identical, identicalPrior, azure.context());
        Applied trusted = handler.apply(otherName, otherPrior, azure.context());
        handler.revert(identical, identicalPrior, azure.context());
        handler.revert(otherName, otherPrior, azure.context());

        assertThat(same.changed()).isFalse();
        assertThat(trusted.changed()).isFalse();
        assertThat(trusted.detail()).contains("already trusts system:serviceaccount:apps:other",
                "through federated credential hand-made (not test-apps-other as planned)");
        assertThat(names(identity)).containsExactly("hand-made", "test-apps-same");
    }

    @Test
    void aCredentialOfThePlannedNameWithOtherContentIsRefused() {
        ManagedIdentity identity = identity("id-fic-clash");
        azure.emulator.seed().federatedCredential(identity, "test-apps-clash", "https://127.0.0.1:1",
                "system:serviceaccount:other:thing");

        assertThatThrownBy(() -> handler.apply(step(identity, "test-apps-clash", "clash"), null, azure.context()))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("already has a federated credential named test-apps-clash with issuer"
                        + " https://127.0.0.1:1 and subject system:serviceaccount:other:thing")
                .hasMessageContaining("Rename or delete it");
    }

    @Test
    void theTwentyCredentialLimitIsExplained() {
        ManagedIdentity identity = identity("id-fic-full");
        for (int i = 0; i < 20; i++) {
            azure.emulator.seed().federatedCredential(identity, "existing-" + i, ISSUER,
                    "system:serviceaccount:full:sa-" + i);
        }

        assertThatThrownBy(() -> handler.apply(step(identity, "test-apps-21st", "21st"), null, azure.context()))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("holds 20 federated credentials, Azure's limit is 20 per identity")
                .hasMessageContaining("split the identity");
    }

    @Test
    void anAppRegistrationIsFederatedThroughGraphAndRevertRemovesTheCredential() {
        SeededApplication app = azure.emulator.seed().application("legacy-sync");
        CreateFederatedCredential step = new CreateFederatedCredential(Target.application(
                azure.emulator.tenantId(), app.appId()), new CreateFederatedCredential.Desired("test-apps-legacy",
                "$(Cluster/test.oidcIssuer)", "system:serviceaccount:apps:legacy", CreateFederatedCredential.AUDIENCE),
                "app-fic");
        ObjectNode prior = handler.observe(step, azure.context());

        Applied first = handler.apply(step, prior, azure.context());
        Applied second = handler.apply(step, prior, azure.context());

        assertThat(first.detail()).isEqualTo("created federated credential test-apps-legacy on app registration "
                + app.appId() + " for system:serviceaccount:apps:legacy");
        assertThat(second.changed()).isFalse();
        assertThat(azure.emulator.state().applicationFederatedCredentials(app.application().id()))
                .singleElement().satisfies(c -> {
                    assertThat(c.issuer()).isEqualTo(ISSUER);
                    assertThat(c.subject()).isEqualTo("system:serviceaccount:apps:legacy");
                });
        handler.revert(step, prior, azure.context());
        handler.revert(step, prior, azure.context());
        assertThat(azure.emulator.state().applicationFederatedCredentials(app.application().id())).isEmpty();
    }

    @Test
    void throttlingAndServerErrorsAreRetriedHonouringRetryAfter() {
        ManagedIdentity identity = identity("id-fic-faults");
        CreateFederatedCredential step = step(identity, "test-apps-faults", "faults");
        ObjectNode prior = handler.observe(step, azure.context());
        azure.emulator.faults().throttleNext(5, 1).serverErrorNext(2);
        azure.emulator.requestLog().clear();

        long start = System.nanoTime();
        handler.apply(step, prior, azure.context());

        assertThat(names(identity)).containsExactly("test-apps-faults");
        assertThat(azure.emulator.requestLog().matching(r -> r.status() == 429)).hasSize(5);
        assertThat(azure.emulator.requestLog().matching(r -> r.status() == 500)).hasSize(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void parallelWritesAreSerialisedPerIdentityAndNeverOverlap() throws Exception {
        List<ManagedIdentity> identities = List.of(identity("id-fic-par-a"), identity("id-fic-par-b"));
        List<CreateFederatedCredential> steps = new ArrayList<>();
        for (ManagedIdentity identity : identities) {
            for (int i = 0; i < 5; i++) {
                steps.add(step(identity, "test-apps-par-" + i, "par-" + i));
            }
        }
        azure.emulator.faults().ficWriteDuration(Duration.ofMillis(150));
        azure.emulator.requestLog().clear();

        ExecutorService pool = Executors.newFixedThreadPool(steps.size());
        try {
            List<Future<Applied>> results = new ArrayList<>();
            steps.forEach(s -> results.add(pool.submit(() -> handler.apply(s, null, azure.context()))));
            for (Future<Applied> result : results) {
                assertThat(result.get().changed()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }

        for (ManagedIdentity identity : identities) {
            assertThat(names(identity)).hasSize(5);
            List<RequestRecord> writes = azure.emulator.requestLog().matching(r -> r.method().equals("PUT")
                    && r.path().contains("/" + identity.name() + "/federatedIdentityCredentials/"));
            assertThat(writes).hasSize(5).allMatch(w -> w.status() < 300);
            for (RequestRecord a : writes) {
                assertThat(writes).filteredOn(b -> b != a).noneMatch(a::overlaps);
            }
        }
        // across identities the writes did run in parallel
        List<RequestRecord> all = azure.emulator.requestLog().matching(r -> r.method().equals("PUT"));
        assertThat(all).anyMatch(a -> all.stream().anyMatch(b -> b != a && a.overlaps(b)));
    }

    @Test
    void aConcurrentWriterOutsideThisProcessGets409sThatAreRetriedWithBackoff() throws Exception {
        ManagedIdentity identity = identity("id-fic-contended");
        FederatedIdentityCredentialsClient outsider = azure.connection.msi(azure.emulator.subscriptionId())
                .serviceClient().getFederatedIdentityCredentials();
        outsider.list(EmulatedAzure.RESOURCE_GROUP, identity.name()).stream().count();
        azure.emulator.faults().ficWriteDuration(Duration.ofMillis(1500));
        azure.emulator.requestLog().clear();
        azure.log.clear();

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            // the outsider's write holds the identity for 1.5 s; ours starts meanwhile and backs off until it ends
            Future<?> theirs = pool.submit(() -> outsider.createOrUpdate(EmulatedAzure.RESOURCE_GROUP,
                    identity.name(), "outsider", new FederatedIdentityCredentialInner().withIssuer(ISSUER)
                            .withSubject("system:serviceaccount:other:outsider")
                            .withAudiences(List.of(CreateFederatedCredential.AUDIENCE))));
            Thread.sleep(400);
            handler.apply(step(identity, "test-apps-mine", "mine"), null, azure.context());
            theirs.get();
        } finally {
            pool.shutdownNow();
        }

        assertThat(names(identity)).containsExactly("outsider", "test-apps-mine");
        assertThat(azure.emulator.requestLog().matching(r -> r.status() == 409)).isNotEmpty();
        assertThat(azure.log).anyMatch(line -> line.contains("409 ConcurrentFederatedIdentityCredentialsWrites"));
    }
}
