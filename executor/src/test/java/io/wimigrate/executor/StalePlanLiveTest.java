package io.wimigrate.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.localcluster.LocalCluster;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.planner.AzureFacts;
import io.wimigrate.planner.Overrides;
import io.wimigrate.planner.PlanRequest;
import io.wimigrate.planner.Planner;
import io.wimigrate.planner.io.PlanCodec;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.Target;
import io.wimigrate.scanner.Progress;
import io.wimigrate.scanner.cluster.ClusterScanner;
import io.wimigrate.scanner.model.ClusterInventory;
import io.wimigrate.scanner.model.Inventory;
import io.wimigrate.scanner.model.ScanOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real plan of a live namespace (a Deployment using a service-principal secret), checked by {@link LivePlanCheck}:
 * up to date right after planning, refused naming the Deployment once someone changed it.
 */
@Tag("live-cluster")
@ExtendWith(LocalClusterExtension.class)
class StalePlanLiveTest {

    private static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private static final String SUBSCRIPTION = "00000000-0000-0000-0000-0000000000bb";

    @TempDir
    Path work;

    @Test
    void aPlanIsAppliedWhileFreshAndRefusedNamingTheObjectThatChanged(LocalCluster cluster, KubernetesClient client)
            throws Exception {
        LiveExecutorFixture fixture = new LiveExecutorFixture(cluster, client);
        String ns = fixture.namespace;
        client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("worker-sp")
                .endMetadata().addToStringData("clientSecret", "not-a-real-secret").build()).create();
        client.apps().deployments().inNamespace(ns).resource(new DeploymentBuilder()
                .withNewMetadata().withName("worker").endMetadata()
                .withNewSpec().withReplicas(0).withNewSelector().addToMatchLabels("app", "worker").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "worker").endMetadata()
                .withNewSpec().addNewContainer().withName("worker").withImage("worker:1")
                .addNewEnv().withName("AZURE_CLIENT_ID").withValue("0b7e9d2a-1111-4c3e-9a8b-5d6f7e8a9b0c").endEnv()
                .addNewEnv().withName("AZURE_TENANT_ID").withValue(TENANT).endEnv()
                .addNewEnv().withName("AZURE_CLIENT_SECRET").withNewValueFrom().withNewSecretKeyRef()
                .withName("worker-sp").withKey("clientSecret").endSecretKeyRef().endValueFrom().endEnv()
                .endContainer().endSpec().endTemplate().endSpec().build()).create();
        AzureFacts azure = new ReadAzure();
        ScanOutcome<ClusterInventory> scan = new ClusterScanner().scanLive(client, TestPlans.CLUSTER, Set.of(ns),
                false, Progress.NONE);
        Plan made = Planner.plan(new PlanRequest(Inventory.of(List.of(scan.value()), List.of(), scan.findings(),
                scan.diagnostics()), azure, Overrides.none(), null, TENANT, SUBSCRIPTION, "rg-stale", "eastus",
                null));
        Path file = work.resolve("plan.yaml");
        Files.writeString(file, PlanCodec.write(made));
        Plan plan = PlanCodec.read(file);
        assertThat(plan.steps()).extracting(s -> s.target().name()).contains("worker");
        Executor executor = fixture.executor(file)
                .planCheck(new LivePlanCheck(client, Set.of(ns), List.of(), azure, Overrides.none(), Progress.NONE))
                .build();

        RunOutcome dryRun = executor.apply(plan, new ApplyOptions(0, 6, 2, true, Set.of()));

        assertThat(dryRun.status()).as(dryRun.problems().toString()).isIn(RunOutcome.Status.COMPLETED,
                RunOutcome.Status.WAITING_FOR_MANUAL);
        assertThat(fixture.handler.applied).isNotEmpty();
        int appliedBefore = fixture.handler.applied.size();
        client.apps().deployments().inNamespace(ns).withName("worker")
                .edit(d -> new DeploymentBuilder(d).editMetadata().addToLabels("team", "changed").endMetadata()
                        .build());

        assertThatThrownBy(() -> executor.apply(plan, ApplyOptions.all()))
                .isInstanceOfSatisfying(PlanRefusedException.class, e -> {
                    assertThat(e.getMessage()).contains("stale");
                    assertThat(e.reasons()).anySatisfy(reason -> assertThat(reason)
                            .contains("Deployment/" + ns + "/worker", "changed"));
                });
        assertThat(fixture.handler.applied).hasSize(appliedBefore);
        assertThat(fixture.clusterJournal(plan)).isEmpty();
    }

    /** Azure as read: the service principal holds one role, no identity has federated credentials yet. */
    private static final class ReadAzure implements AzureFacts {
        @Override
        public boolean resolved() {
            return true;
        }

        @Override
        public Optional<List<ExistingFederatedCredential>> federatedCredentials(Target identity) {
            return Optional.of(List.of());
        }

        @Override
        public Optional<List<RoleAssignment>> roleAssignments(String clientId) {
            return Optional.of(List.of(new RoleAssignment("Reader", "/subscriptions/" + SUBSCRIPTION)));
        }
    }
}
