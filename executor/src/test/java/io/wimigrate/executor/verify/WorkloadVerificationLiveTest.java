package io.wimigrate.executor.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.azure.emulator.ManagedIdentity;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepFailedException;
import io.wimigrate.executor.Timeouts;
import io.wimigrate.executor.azure.EmulatedAzure;
import io.wimigrate.executor.azure.EmulatedAzureExtension;
import io.wimigrate.executor.azure.FederatedCredentialCreation;
import io.wimigrate.localcluster.LocalCluster;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.localcluster.TrustStores;
import io.wimigrate.planner.model.CreateFederatedCredential;
import io.wimigrate.planner.model.Target;
import io.wimigrate.planner.model.VerifyWorkload;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Verification with real parts: pods mutated by the upstream webhook on the local cluster, ServiceAccount tokens from
 * its TokenRequest API, and the emulator's token endpoint checking them against the cluster's own issuer.
 */
@Tag("live-cluster")
@ExtendWith({LocalClusterExtension.class, EmulatedAzureExtension.class})
class WorkloadVerificationLiveTest {

    private static final List<String> ENV = List.of("AZURE_AUTHORITY_HOST", "AZURE_CLIENT_ID",
            "AZURE_FEDERATED_TOKEN_FILE", "AZURE_TENANT_ID");
    private static final String NAMESPACE = "exec-azure-" + UUID.randomUUID().toString().substring(0, 8);

    private static EmulatedAzure azure;
    private static LocalCluster cluster;
    private static KubernetesClient kube;
    private final WorkloadVerification verification = new WorkloadVerification();

    @BeforeAll
    static void start(LocalCluster localCluster, KubernetesClient client, EmulatedAzure shared) {
        cluster = localCluster;
        kube = client;
        azure = shared;
        azure.emulator.trustIssuers(TrustStores.sslContextFor(cluster.caCertificate()));
        kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata()
                .build()).create();
    }

    @AfterAll
    static void stop() {
        kube.namespaces().withName(NAMESPACE).delete();
    }

    private static StepContext context(Duration propagation) {
        return azure.context(kube, false, new Timeouts(Duration.ofMinutes(1), propagation, Duration.ofMillis(200)));
    }

    /** An identity, a ServiceAccount carrying its client id, and (when federated) a FIC for that ServiceAccount. */
    private static ManagedIdentity identityFor(String serviceAccount, boolean federated) {
        ManagedIdentity identity = azure.emulator.seed().identity(EmulatedAzure.RESOURCE_GROUP, "id-" + serviceAccount,
                "eastus");
        if (federated) {
            azure.emulator.seed().federatedCredential(identity, NAMESPACE + "-" + serviceAccount,
                    cluster.issuerUrl(), "system:serviceaccount:" + NAMESPACE + ":" + serviceAccount);
        }
        kube.serviceAccounts().inNamespace(NAMESPACE).resource(new ServiceAccountBuilder().withNewMetadata()
                .withName(serviceAccount).addToAnnotations("azure.workload.identity/client-id", identity.clientId())
                .endMetadata().build()).create();
        return identity;
    }

    private static PodTemplateSpec template(String app, String serviceAccount, boolean labelled) {
        return new PodTemplateSpecBuilder().withNewMetadata().addToLabels("app", app)
                .addToLabels(labelled ? Map.of("azure.workload.identity/use", "true") : Map.of()).endMetadata()
                .withNewSpec().withServiceAccountName(serviceAccount).withRestartPolicy("Always")
                .addNewContainer().withName("app").withImage("contoso/" + app + ":1.0").endContainer()
                .endSpec().build();
    }

    private static void deploy(String name, String serviceAccount, boolean labelled) {
        kube.apps().deployments().inNamespace(NAMESPACE).resource(new DeploymentBuilder().withNewMetadata()
                .withName(name).endMetadata().withNewSpec().withReplicas(1).withNewSelector()
                .addToMatchLabels("app", name).endSelector().withTemplate(template(name, serviceAccount, labelled))
                .endSpec().build()).create();
        Instant deadline = Instant.now().plusSeconds(60);
        while (kube.pods().inNamespace(NAMESPACE).withLabel("app", name).list().getItems().stream()
                .map(Pod::getStatus).noneMatch(s -> "Running".equals(s.getPhase()))) {
            assertThat(Instant.now()).as("a running pod of " + name).isBefore(deadline);
            sleep(Duration.ofMillis(300));
        }
    }

    private static VerifyWorkload verify(String kind, String name, String serviceAccount, String clientId) {
        String apiVersion = kind.equals("CronJob") ? "batch/v1" : "apps/v1";
        return new VerifyWorkload(Target.kube("local", apiVersion, kind, NAMESPACE, name),
                new VerifyWorkload.Desired(serviceAccount, List.of(clientId), ENV), "cleanup waits for this proof");
    }

    @Test
    void aMigratedWorkloadIsVerifiedByARealTokenExchangeOnceItsCredentialPropagated() {
        ManagedIdentity identity = identityFor("api", false);
        deploy("api", "api", true);
        azure.emulator.faults().ficPropagationDelay(Duration.ofSeconds(2));
        CreateFederatedCredential credential = new CreateFederatedCredential(Target.identity(
                azure.emulator.subscriptionId(), EmulatedAzure.RESOURCE_GROUP, identity.name()),
                new CreateFederatedCredential.Desired("local-" + NAMESPACE + "-api", cluster.issuerUrl(),
                        "system:serviceaccount:" + NAMESPACE + ":api", CreateFederatedCredential.AUDIENCE), "api");
        new FederatedCredentialCreation().apply(credential, null, context(Duration.ofSeconds(30)));
        azure.log.clear();

        Applied applied = verification.apply(verify("Deployment", "api", "api", identity.clientId()), null,
                context(Duration.ofSeconds(30)));

        assertThat(applied.changed()).isFalse();
        assertThat(applied.detail()).contains("1 pod(s) carry the workload identity environment",
                "system:serviceaccount:" + NAMESPACE + ":api exchanged its token for " + identity.clientId());
        assertThat(azure.log).anyMatch(line -> line.contains("AADSTS70021"));
        assertThat(String.join("\n", azure.log)).doesNotContain("eyJ");
    }

    @Test
    void aServiceAccountNoCredentialTrustsIsReportedWithTheWorkloadAndTheFix() {
        ManagedIdentity identity = identityFor("untrusted", false);
        azure.emulator.seed().federatedCredential(identity, "elsewhere", cluster.issuerUrl(),
                "system:serviceaccount:" + NAMESPACE + ":someone-else");
        deploy("untrusted", "untrusted", true);

        assertThatThrownBy(() -> verification.apply(verify("Deployment", "untrusted", "untrusted",
                identity.clientId()), null, context(Duration.ofSeconds(1))))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("local: Deployment/" + NAMESPACE + "/untrusted running as system:serviceaccount:"
                        + NAMESPACE + ":untrusted cannot get a token")
                .hasMessageContaining("AADSTS70021")
                .hasMessageContaining("check that its subject is system:serviceaccount:<namespace>:<serviceaccount>")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("eyJ"));
    }

    @Test
    void aCredentialForAnotherIssuerIsReportedAsAnIssuerMismatch() {
        ManagedIdentity identity = identityFor("other-issuer", false);
        azure.emulator.seed().federatedCredential(identity, "old-cluster", cluster.issuerUrl() + "/",
                "system:serviceaccount:" + NAMESPACE + ":other-issuer");
        deploy("other-issuer", "other-issuer", true);

        assertThatThrownBy(() -> verification.apply(verify("Deployment", "other-issuer", "other-issuer",
                identity.clientId()), null, context(Duration.ofSeconds(1))))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("AADSTS700211")
                .hasMessageContaining("the credential's issuer must equal the cluster's OIDC issuer exactly"
                        + " (including a trailing slash)");
    }

    @Test
    void podsTheWebhookDidNotMutateAreReported() {
        ManagedIdentity identity = identityFor("unlabelled", true);
        deploy("unlabelled", "unlabelled", false);

        assertThatThrownBy(() -> verification.apply(verify("Deployment", "unlabelled", "unlabelled",
                identity.clientId()), null, context(Duration.ofSeconds(1))))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("has no projected token volume for api://AzureADTokenExchange")
                .hasMessageContaining("container app lacks AZURE_AUTHORITY_HOST, AZURE_CLIENT_ID,"
                        + " AZURE_FEDERATED_TOKEN_FILE, AZURE_TENANT_ID")
                .hasMessageContaining("label azure.workload.identity/use=true");
    }

    @Test
    void aClientIdTheContainerSetsItselfIsReportedBecauseTheWebhookKeepsIt() {
        ManagedIdentity identity = identityFor("own-client-id", true);
        String servicePrincipal = "5f0c8a7e-1b2d-4c3e-8f9a-0b1c2d3e4f50";
        kube.apps().deployments().inNamespace(NAMESPACE).resource(new DeploymentBuilder().withNewMetadata()
                .withName("own-client-id").endMetadata().withNewSpec().withReplicas(0).withNewSelector()
                .addToMatchLabels("app", "own-client-id").endSelector().withTemplate(new PodTemplateSpecBuilder(
                        template("own-client-id", "own-client-id", true)).editSpec().editFirstContainer()
                        .addNewEnv().withName("AZURE_CLIENT_ID").withValue(servicePrincipal).endEnv()
                        .endContainer().endSpec().build()).endSpec().build()).create();

        assertThatThrownBy(() -> verification.apply(verify("Deployment", "own-client-id", "own-client-id",
                identity.clientId()), null, context(Duration.ofSeconds(1))))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("container app has AZURE_CLIENT_ID " + servicePrincipal + ", not "
                        + identity.clientId())
                .hasMessageContaining("the webhook never overrides a variable the container sets itself");
    }

    @Test
    void aCronJobBetweenRunsIsVerifiedThroughAServerSideDryRunPod() {
        ManagedIdentity identity = identityFor("report", true);
        kube.batch().v1().cronjobs().inNamespace(NAMESPACE).resource(new CronJobBuilder().withNewMetadata()
                .withName("report").endMetadata().withNewSpec().withSchedule("0 3 * * *").withNewJobTemplate()
                .withNewSpec().withTemplate(new PodTemplateSpecBuilder(template("report", "report", true))
                        .editSpec().withRestartPolicy("Never").endSpec().build())
                .endSpec().endJobTemplate().endSpec().build()).create();

        Applied applied = verification.apply(verify("CronJob", "report", "report", identity.clientId()), null,
                context(Duration.ofSeconds(10)));

        assertThat(applied.detail()).contains("1 pod from its template (server-side dry run; none running)");
        assertThat(kube.pods().inNamespace(NAMESPACE).list().getItems())
                .noneMatch(p -> p.getMetadata().getName().startsWith("report"));
    }

    @Test
    void dryRunOnlyDescribesTheVerification() {
        StepContext dryRun = azure.context(kube, true);

        Applied applied = verification.apply(verify("Deployment", "not-deployed", "nobody",
                "00000000-0000-0000-0000-000000000000"), null, dryRun);

        assertThat(applied.detail()).startsWith("would verify local: Deployment/" + NAMESPACE + "/not-deployed");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
