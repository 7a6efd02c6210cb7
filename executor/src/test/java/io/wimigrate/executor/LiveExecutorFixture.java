package io.wimigrate.executor;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.executor.journal.ClusterJournal;
import io.wimigrate.executor.journal.FileJournal;
import io.wimigrate.executor.journal.JournalEntry;
import io.wimigrate.localcluster.LocalCluster;
import io.wimigrate.planner.io.PlanCodec;
import io.wimigrate.planner.model.Plan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** A marker namespace and a tool namespace of its own for one test, so tests share the cluster without meeting. */
final class LiveExecutorFixture {

    final KubernetesClient client;
    final LocalCluster cluster;
    final String namespace;
    final String toolNamespace;
    final MarkerHandler handler;

    LiveExecutorFixture(LocalCluster cluster, KubernetesClient client) {
        this.cluster = cluster;
        this.client = client;
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        this.namespace = "exec-" + suffix;
        this.toolNamespace = "wimigrate-" + suffix;
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                .build()).create();
        this.handler = new MarkerHandler(client, namespace);
    }

    Executor.Builder executor(Path planFile) {
        return Executor.builder(client).binder(handler.binder()).planCheck(plan -> List.of())
                .namespace(toolNamespace).mirrorBeside(planFile).leaseDuration(Duration.ofSeconds(30));
    }

    Plan read(Path planFile) {
        return PlanCodec.read(planFile);
    }

    List<JournalEntry> clusterJournal(Plan plan) {
        return new ClusterJournal(client, toolNamespace, plan.header().digest()).load();
    }

    List<JournalEntry> localJournal(Path planFile, Plan plan) {
        return FileJournal.beside(planFile, plan.header().digest()).load();
    }
}
