package io.wimigrate.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.executor.azure.EmulatedAzure;
import io.wimigrate.executor.azure.EmulatedAzureExtension;
import io.wimigrate.localcluster.LocalCluster;
import io.wimigrate.localcluster.LocalClusterExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * etcd answers slowly (every request kube-apiserver sends it is held {@link #LATENCY}, as a slow disk holds writes),
 * so every write to the cluster, the journal's and the lease's included, and every rollout is slow: apply with the
 * product's own timeouts still completes, each change made once.
 */
@Tag("live-cluster")
@ExtendWith({LocalClusterExtension.class, EmulatedAzureExtension.class})
class SlowEtcdLiveTest {

    private static final Duration LATENCY = Duration.ofMillis(300);

    @TempDir
    Path work;

    @Test
    void applyCompletesWithTheProductTimeoutsWhenEveryEtcdRequestIsSlow(LocalCluster cluster, KubernetesClient client,
                                                                       EmulatedAzure azure) {
        try (MigrationFixture world = new MigrationFixture(cluster, client, azure, work, 2)) {
            cluster.etcdLatency(LATENCY);
            RunOutcome outcome;
            long start = System.nanoTime();
            try {
                outcome = Executor.builder(world.client).azure(azure.connection).planCheck(p -> List.of())
                        .namespace(world.toolNamespace).mirrorBeside(world.planFile).build()
                        .apply(world.plan, ApplyOptions.all());
            } finally {
                cluster.etcdLatency(Duration.ZERO);
            }
            System.err.printf("slow etcd (%d ms per request): apply %d ms%n", LATENCY.toMillis(),
                    (System.nanoTime() - start) / 1_000_000);

            assertThat(outcome.status()).as(outcome.problems().toString()).isEqualTo(RunOutcome.Status.COMPLETED);
            world.assertMigratedExactlyOnce(1);
        }
    }
}
