package io.wimigrate.executor.journal;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.wimigrate.executor.ToolNamespace;
import io.wimigrate.executor.kube.KubeErrors;
import io.wimigrate.scanner.ClusterAccessException;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The journal in the cluster, so another operator's machine can resume: ConfigMaps in the tool's namespace labelled
 * with the plan digest, one key per entry ({@code e0000001}, ...). A shard is closed once it holds
 * {@link #SHARD_BYTES}, far below the 1 MiB object limit, and the next entry opens a new one. Every write carries the
 * shard's resourceVersion, so two writers can never overwrite each other's entries.
 */
public final class ClusterJournal implements JournalStore {

    public static final String DIGEST_LABEL = "wimigrate.io/plan-digest";
    /**
     * Small, because every append rewrites the current shard and the steps waiting for their entry wait for that: on
     * the local cluster during an apply, an update took 11-30 ms at 2-18 KiB and 40-170 ms near 64 KiB.
     */
    static final int SHARD_BYTES = 16 * 1024;
    /** One entry alone in a shard must still fit a ConfigMap (1 MiB with its metadata). */
    static final int ENTRY_BYTES = 768 * 1024;
    private static final String PREFIX = "wimigrate-journal-";

    private final KubernetesClient client;
    private final String namespace;
    private final String digest;
    private final int shardBytes;
    private ConfigMap current;
    private int count;

    public ClusterJournal(KubernetesClient client, String namespace, String planDigest) {
        this(client, namespace, planDigest, SHARD_BYTES);
    }

    ClusterJournal(KubernetesClient client, String namespace, String planDigest, int shardBytes) {
        this.client = client;
        this.namespace = namespace;
        this.digest = digestLabel(planDigest);
        this.shardBytes = shardBytes;
    }

    /** The plan digest as a label value (63 characters at most): its first 40 hex digits. */
    public static String digestLabel(String planDigest) {
        String hex = planDigest.startsWith("sha256:") ? planDigest.substring("sha256:".length()) : planDigest;
        return hex.substring(0, Math.min(40, hex.length()));
    }

    @Override
    public synchronized List<JournalEntry> load() {
        List<ConfigMap> shards = shards();
        List<JournalEntry> entries = new ArrayList<>();
        for (ConfigMap shard : shards) {
            new TreeMap<>(orEmpty(shard.getData())).forEach((key, line) -> entries.add(JournalCodec.parse(line,
                    "ConfigMap " + namespace + "/" + shard.getMetadata().getName() + " key " + key)));
        }
        current = shards.isEmpty() ? null : shards.get(shards.size() - 1);
        count = entries.size();
        return entries;
    }

    @Override
    public synchronized void append(JournalEntry entry) {
        appendAll(List.of(entry));
    }

    /** The entries in as few writes as the shards allow: one, unless a shard fills. */
    @Override
    public synchronized void appendAll(List<JournalEntry> entries) {
        List<String> lines = new ArrayList<>();
        for (JournalEntry entry : entries) {
            String line = JournalCodec.line(entry);
            if (line.length() > ENTRY_BYTES) {
                throw new IllegalStateException("step " + entry.step() + ": its journal entry is " + line.length()
                        + " bytes, more than a ConfigMap can hold; the handler must record less");
            }
            lines.add(line);
        }
        try {
            if (current == null) {
                load();
            }
            for (int written = 0; written < lines.size(); ) {
                written += write(lines.subList(written, lines.size()));
            }
        } catch (KubernetesClientException e) {
            throw new ClusterAccessException("cannot write the journal (ConfigMaps " + namespace + "/" + PREFIX
                    + digest.substring(0, 16) + "-*): " + KubeErrors.message(e, client)
                    + "; the next apply resumes from the last entry recorded", e);
        }
    }

    /**
     * Adds as many of {@code lines} as fit to the current shard, or opens the next shard with as many as fit there
     * (at least the first) when none does; a conflicting writer makes it read the shards again (up to three times).
     * Returns how many were written.
     */
    private int write(List<String> lines) {
        for (int attempt = 0; ; attempt++) {
            if (current == null || size(current) + key(count + 1).length() + lines.get(0).length() > shardBytes) {
                Map<String, String> data = new LinkedHashMap<>();
                int taken = fill(data, 0, lines);
                current = createShard(current == null ? 0 : shardIndex(current) + 1, current == null, data);
                count += taken;
                return taken;
            }
            Map<String, String> data = new LinkedHashMap<>(orEmpty(current.getData()));
            int taken = fill(data, size(current), lines);
            try {
                current = client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder(current)
                        .withData(data).build()).update();
                count += taken;
                return taken;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt >= 3) {
                    throw e;
                }
                load();
            }
        }
    }

    /**
     * Adds to {@code data} (a shard's entries, {@code size} bytes) as many of {@code lines} as keep it within the
     * shard size, and the first line to an empty shard whatever its size; returns how many.
     */
    private int fill(Map<String, String> data, int size, List<String> lines) {
        int taken = 0;
        while (taken < lines.size()) {
            String key = key(count + taken + 1);
            int grown = size + key.length() + lines.get(taken).length();
            if (grown > shardBytes && !data.isEmpty()) {
                break;
            }
            data.put(key, lines.get(taken));
            size = grown;
            taken++;
        }
        return taken;
    }

    private static String key(int entry) {
        return String.format("e%07d", entry);
    }

    /** The first shard makes sure the namespace is there; a later one follows a shard that is in it. */
    private ConfigMap createShard(int index, boolean first, Map<String, String> data) {
        if (first) {
            ToolNamespace.ensure(client, namespace);
        }
        return client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
                .withNewMetadata().withNamespace(namespace)
                .withName(String.format("%s%s-%04d", PREFIX, digest.substring(0, 16), index))
                .addToLabels(DIGEST_LABEL, digest).addToLabels(ToolNamespace.MANAGED_BY, "wimigrate")
                .endMetadata()
                .withData(data).build()).create();
    }

    private List<ConfigMap> shards() {
        try {
            return client.configMaps().inNamespace(namespace).withLabel(DIGEST_LABEL, digest).list().getItems()
                    .stream().sorted(Comparator.comparingInt(ClusterJournal::shardIndex)).toList();
        } catch (KubernetesClientException e) {
            throw new ClusterAccessException("cannot read the journal (ConfigMaps in " + namespace + "): "
                    + KubeErrors.message(e, client), e);
        }
    }

    private static int shardIndex(ConfigMap shard) {
        String name = shard.getMetadata().getName();
        return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
    }

    private static int size(ConfigMap shard) {
        return orEmpty(shard.getData()).entrySet().stream()
                .mapToInt(e -> e.getKey().length() + e.getValue().length()).sum();
    }

    private static Map<String, String> orEmpty(Map<String, String> data) {
        return data == null ? Map.of() : data;
    }
}
