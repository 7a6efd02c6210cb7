package io.wimigrate.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.wimigrate.executor.azure.EmulatedAzure;
import io.wimigrate.executor.azure.EmulatedAzureExtension;
import io.wimigrate.executor.journal.StepState;
import io.wimigrate.localcluster.LocalCluster;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.planner.model.RestartWorkload;
import io.wimigrate.planner.model.Step;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workload-identity webhook is down when phase 4 restarts the workloads. With the MutatingWebhookConfiguration's
 * failurePolicy Ignore, pods start without the webhook's changes; with Fail (the upstream default), they are not
 * created at all. Either way apply stops in phase 4, naming the workloads and what their pods lack or why they are
 * refused, and never reaches cleanup; {@code migrate verify} names the missing environment and volume; once the
 * webhook is back, apply restarts the workloads again and completes.
 */
@Tag("live-cluster")
@ExtendWith({LocalClusterExtension.class, EmulatedAzureExtension.class})
class WebhookDownLiveTest {

    @TempDir
    Path work;

    @Test
    void podsTheWebhookDidNotMutateStopApplyBeforeCleanupAndARerunOnceItIsBackCompletes(
            LocalCluster cluster, KubernetesClient client, EmulatedAzure azure) {
        try (MigrationFixture world = new MigrationFixture(cluster, client, azure, work, 2)) {
            RunOutcome prepared = world.executor().build().apply(world.plan, new ApplyOptions(0, 3, 4, false,
                    Set.of()));
            assertThat(prepared.status()).as(prepared.problems().toString()).isEqualTo(RunOutcome.Status.COMPLETED);

            long start = System.nanoTime();
            cluster.stopWebhook();
            try {
                failurePolicy(world, "Ignore");
                RunOutcome unmutated = world.apply();

                assertThat(unmutated.status()).isEqualTo(RunOutcome.Status.FAILED);
                assertThat(unmutated.problems()).isNotEmpty().allSatisfy(problem -> assertThat(problem)
                        .contains("restart-workload", "its new pods were created without the workload identity"
                                + " webhook's changes", "has no projected token volume for api://AzureADTokenExchange",
                                "container app lacks AZURE_CLIENT_ID, AZURE_FEDERATED_TOKEN_FILE",
                                "kubectl get pods -n azure-workload-identity-system", "run migrate apply again"));
                world.assertNoCleanup();
                VerifyOutcome verified = world.executor().build().verify(world.plan);
                assertThat(verified.results()).hasSize(2).allSatisfy(result -> {
                    assertThat(result.passed()).isFalse();
                    assertThat(result.detail()).contains("Deployment/" + world.namespace + "/app-",
                            "has no projected token volume for api://AzureADTokenExchange",
                            "container app lacks AZURE_AUTHORITY_HOST, AZURE_CLIENT_ID, AZURE_FEDERATED_TOKEN_FILE,"
                                    + " AZURE_TENANT_ID", "restart the workload");
                });

                failurePolicy(world, "Fail");
                RunOutcome refused = world.executor().timeouts(new Timeouts(Duration.ofSeconds(15),
                        Duration.ofSeconds(10), Duration.ofMillis(200))).build().apply(world.plan, ApplyOptions.all());

                assertThat(refused.status()).isEqualTo(RunOutcome.Status.FAILED);
                assertThat(refused.problems()).isNotEmpty().allSatisfy(problem -> assertThat(problem)
                        .contains("restart-workload", "timed out after 15 s waiting for Deployment/" + world.namespace,
                                "pods cannot be created", "failed calling webhook",
                                "mutation.azure-workload-identity.io"));
                world.assertNoCleanup();
                world.assertNothingAppliedWithoutItsChange();
            } finally {
                cluster.startWebhook();
                failurePolicy(world, "Fail");
            }
            System.err.printf("webhook down: runs while down %d ms%n", (System.nanoTime() - start) / 1_000_000);

            RunOutcome resumed = world.apply();

            assertThat(resumed.status()).as(resumed.problems().toString()).isEqualTo(RunOutcome.Status.COMPLETED);
            world.assertMigratedExactlyOnce(2);
            for (Step restart : world.steps(RestartWorkload.class)) {
                assertThat(world.journal()).filteredOn(e -> e.step().equals(restart.id())).extracting(e -> e.state())
                        .containsExactly(StepState.STARTED, StepState.FAILED, StepState.FAILED, StepState.APPLIED);
            }
        }
    }

    /**
     * Sets the webhook's failurePolicy and waits until the API server acts on it: a labelled pod (server-side dry
     * run) is admitted when the webhook answers or the policy is Ignore, and refused otherwise.
     */
    private static void failurePolicy(MigrationFixture world, String policy) {
        world.admin.admissionRegistration().v1().mutatingWebhookConfigurations()
                .withName(LocalCluster.WEBHOOK_CONFIGURATION).edit(configuration -> {
                    configuration.getWebhooks().forEach(webhook -> webhook.setFailurePolicy(policy));
                    return configuration;
                });
        Instant deadline = Instant.now().plusSeconds(30);
        while (admitted(world) != (policy.equals("Ignore") || webhookAnswers())) {
            assertThat(Instant.now()).as("failurePolicy " + policy + " in effect").isBefore(deadline);
            MigrationFixture.sleep(Duration.ofMillis(200));
        }
    }

    private static boolean webhookAnswers() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), LocalCluster.WEBHOOK_PORT)) {
            return socket.isConnected();
        } catch (IOException refused) {
            return false;
        }
    }

    private static boolean admitted(MigrationFixture world) {
        try {
            world.admin.pods().inNamespace(world.namespace).resource(new PodBuilder().withNewMetadata()
                    .withGenerateName("probe-").addToLabels("azure.workload.identity/use", "true").endMetadata()
                    .withNewSpec().addNewContainer().withName("probe").withImage("probe").endContainer().endSpec()
                    .build()).dryRun().create();
            return true;
        } catch (KubernetesClientException e) {
            if (String.valueOf(e.getMessage()).contains("failed calling webhook")) {
                return false;
            }
            throw e; // not the webhook's refusal: it says nothing about the failurePolicy in effect
        }
    }
}
