package io.wimigrate.executor.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.localcluster.LocalClusterExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The journal in the cluster: sharded ConfigMaps read back in order, and a mirror that follows the cluster. */
@Tag("live-cluster")
@ExtendWith(LocalClusterExtension.class)
class ClusterJournalLiveTest {

    @TempDir
    Path work;

    @Test
    void entriesSpreadOverShardsAreReadBackInOrderAndTheMirrorFollowsTheCluster(KubernetesClient client) {
        String namespace = "wimigrate-" + UUID.randomUUID().toString().substring(0, 8);
        String digest = "sha256:" + "ab".repeat(32);
        ClusterJournal cluster = new ClusterJournal(client, namespace, digest, 2_000);
        List<JournalEntry> written = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            JournalEntry entry = new JournalEntry("st-" + i, "create-identity", 1, "target " + i,
                    i % 2 == 0 ? StepState.STARTED : StepState.APPLIED,
                    i % 2 == 0 ? JsonNodeFactory.instance.objectNode().put("present", false) : null, null,
                    i % 2 == 0 ? null : Boolean.TRUE, "detail ".repeat(20), "2026-01-01T00:00:00Z", "me@host pid 1");
            cluster.append(entry);
            written.add(entry);
        }

        assertShardedAndReadBack(client, namespace, digest, written);

        FileJournal mirror = new FileJournal(work.resolve("journal.jsonl"));
        mirror.append(written.get(0));
        Journal journal = Journal.durable(new ClusterJournal(client, namespace, digest), mirror);

        assertThat(mirror.load()).as("the mirror is brought up to the cluster's copy").isEqualTo(written);
        assertThat(journal.state("st-1")).contains(StepState.APPLIED);
        assertThat(journal.prior("st-2")).hasValueSatisfying(prior -> assertThat(prior.get("present").asBoolean())
                .isFalse());
    }

    @Test
    void entriesStoredTogetherFillAShardAndGoOnInTheNextInOrder(KubernetesClient client) {
        String namespace = "wimigrate-" + UUID.randomUUID().toString().substring(0, 8);
        String digest = "sha256:" + "cd".repeat(32);
        ClusterJournal cluster = new ClusterJournal(client, namespace, digest, 2_000);
        List<JournalEntry> written = new ArrayList<>();
        for (int batch = 0; batch < 5; batch++) {
            List<JournalEntry> entries = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                entries.add(new JournalEntry("st-" + batch + "-" + i, "create-identity", 1, "target", StepState.STARTED,
                        null, null, null, "detail ".repeat(20), "2026-01-01T00:00:00Z", "me@host pid 1"));
            }
            cluster.appendAll(entries);
            written.addAll(entries);
        }

        assertShardedAndReadBack(client, namespace, digest, written);
    }

    /** More than three shards of at most 2,000 characters, read back as written. */
    private static void assertShardedAndReadBack(KubernetesClient client, String namespace, String digest,
                                                 List<JournalEntry> written) {
        List<ConfigMap> shards = client.configMaps().inNamespace(namespace)
                .withLabel(ClusterJournal.DIGEST_LABEL, ClusterJournal.digestLabel(digest)).list().getItems();
        assertThat(shards).hasSizeGreaterThan(3);
        assertThat(shards).allSatisfy(shard -> assertThat(shard.getData().values().stream()
                .mapToInt(String::length).sum()).isLessThanOrEqualTo(2_000));
        assertThat(new ClusterJournal(client, namespace, digest, 2_000).load()).isEqualTo(written);
    }
}
