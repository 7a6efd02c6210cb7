package io.wimigrate.bench.cluster;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.wimigrate.bench.GcLog;
import io.wimigrate.bench.MigrateJar;
import io.wimigrate.bench.TimedCommand;
import io.wimigrate.bench.results.BenchResult;
import io.wimigrate.bench.results.BenchResult.Target;
import io.wimigrate.bench.results.BenchResult.Verdict;
import io.wimigrate.bench.results.Fragments;
import io.wimigrate.localcluster.LocalCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code migrate scan} of a live cluster (the real CLI jar, a fresh JVM per run, heap capped at 512 MiB) against
 * {@code kubectl get} of the same kinds, on a local cluster filled by {@link ClusterFleet} at growing pod counts: wall
 * time, API requests per kind (from the API server's audit log), peak heap, growth, and the peer tool azwi.
 * Usage: {@code ClusterScanBenchmark OUT_FILE WORK_DIR SIZES RUNS KUBECTL CRDS AZWI_BUILD AZWI_SAMPLE}, SIZES comma
 * separated pod counts, AZWI_BUILD the script that builds azwi (or finds it cached) and prints its path last,
 * AZWI_SAMPLE n to run azwi in every n-th namespace only (1: every namespace) and scale its time up.
 */
public final class ClusterScanBenchmark {

    /** The kinds the scan lists (its ConfigMap LIST is filtered to one name, so it is left out here). */
    static final String KINDS = "pods,deployments.apps,statefulsets.apps,daemonsets.apps,replicasets.apps,jobs.batch,"
            + "cronjobs.batch,serviceaccounts,clusterroles,clusterrolebindings,mutatingwebhookconfigurations,"
            + "customresourcedefinitions,azureidentities,azureidentitybindings,azurepodidentityexceptions,"
            + "azureassignedidentities";
    static final int PAGE_SIZE = 500;
    private static final double HEAP_CAP_MIB = 512;
    private static final String SCAN_USER_AGENT = "fabric8-kubernetes-client";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path work;
    private final Path kubectl;
    private final LocalCluster cluster;
    private final AuditLog audit;

    private ClusterScanBenchmark(Path work, Path kubectl, LocalCluster cluster) {
        this.work = work;
        this.kubectl = kubectl;
        this.cluster = cluster;
        this.audit = new AuditLog(cluster.auditLog());
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 8) {
            System.err.println("usage: ClusterScanBenchmark OUT_FILE WORK_DIR SIZES RUNS KUBECTL CRDS AZWI_BUILD"
                    + " AZWI_SAMPLE");
            System.exit(2);
        }
        Path work = Files.createDirectories(Path.of(args[1]));
        int[] sizes = Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
        int runs = Integer.parseInt(args[3]);
        List<ScanRuns> measured = new ArrayList<>();
        List<BenchResult> results = new ArrayList<>();
        try (LocalCluster cluster = LocalCluster.startWithAuditLog();
             KubernetesClient client = parallelClient(cluster);
             ClusterFleet fleet = new ClusterFleet(client)) {
            ClusterScanBenchmark bench = new ClusterScanBenchmark(work, Path.of(args[4]), cluster);
            long start = System.nanoTime();
            fleet.createBase(Path.of(args[5]));
            log("base objects (%,d namespaces, %,d Secrets, %,d AzureIdentities + bindings) in %.0f s",
                    ClusterFleet.NAMESPACES, ClusterFleet.SECRETS, ClusterFleet.IDENTITIES, since(start));
            for (int pods : sizes) {
                start = System.nanoTime();
                fleet.growTo(pods);
                log("%,d pods in %,d Deployments in %.0f s", fleet.pods(),
                        fleet.pods() / ClusterFleet.PODS_PER_DEPLOYMENT, since(start));
                bench.audit.awaitQuiet(120);
                ScanRuns size = bench.measure(pods, runs);
                measured.add(size);
                results.addAll(rows(size));
            }
            results.addAll(growth(measured));
            ScanRuns largest = measured.get(measured.size() - 1);
            results.addAll(requestRows(largest));
            results.add(bench.azwi(Path.of(args[6]), Integer.parseInt(args[7]), client, largest));
        }
        Fragments.write(Path.of(args[0]), results);
    }

    private static KubernetesClient parallelClient(LocalCluster cluster) throws IOException {
        Config config = new ConfigBuilder(Config.fromKubeconfig(Files.readString(cluster.kubeconfig())))
                .withMaxConcurrentRequests(64).withMaxConcurrentRequestsPerHost(64).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    private ScanRuns measure(int pods, int runs) {
        Path kubectlOut = work.resolve("kubectl.json");
        Path scanOut = work.resolve("scan.json");
        Path gcLog = work.resolve("scan-gc.log");
        String kubeconfig = cluster.kubeconfig().toString();
        List<String> kubectlGet = List.of(kubectl.toString(), "--kubeconfig", kubeconfig, "get", KINDS, "-A",
                "-o", "json");
        List<String> scan = MigrateJar.command(List.of("-Xmx512m"), gcLog, "scan", "--kubeconfig", kubeconfig,
                "-o", "json");
        Map<String, String> env = Map.of("HOME", work.toString());
        // Warm-up: kubectl's discovery cache is then as on a second run (the scan keeps no cache; a fresh JVM each run).
        TimedCommand.seconds(kubectlGet, kubectlOut, env);
        ScanRuns result = new ScanRuns(pods);
        for (int i = 0; i < runs; i++) {
            result.kubectlSeconds().add(TimedCommand.seconds(kubectlGet, kubectlOut, env));
            long from = audit.mark();
            result.scanSeconds().add(TimedCommand.seconds(scan, scanOut, env));
            AuditLog.sleep(500); // the last events reach the log after the response
            result.requests().add(audit.requests(from, audit.mark(), SCAN_USER_AGENT));
            result.heapMiB().add(GcLog.peakMiB(gcLog));
        }
        ScanRuns done = result.with(objectsPerResource(kubectlOut), counts(scanOut, null));
        log("%,d pods: scan median %.2f s, kubectl median %.2f s; scan found %s; requests %s", pods,
                BenchResult.Runs.of(done.scanSeconds()).median(), BenchResult.Runs.of(done.kubectlSeconds()).median(),
                done.found(), done.requests().get(0));
        return done;
    }

    private static List<BenchResult> rows(ScanRuns size) {
        String at = String.format(Locale.ROOT, "cluster scan, %,d pods", size.pods());
        return List.of(
                BenchResult.measured(at + ": wall time vs kubectl", size.scanSeconds(), "s",
                        "kubectl get (same kinds) -A -o json", size.kubectlSeconds(), Target.ratio("<=", 1.5),
                        "whole process incl. JVM start; found " + size.found()),
                BenchResult.measured(at + ": peak heap", size.heapMiB(), "MiB", "heap cap -Xmx512m",
                        List.of(HEAP_CAP_MIB), Target.figure("<", HEAP_CAP_MIB),
                        "largest heap occupancy in the GC log; ran with -Xmx512m"));
    }

    /** Time per pod at the largest size against the smallest: 1.0 is linear. */
    private static List<BenchResult> growth(List<ScanRuns> sizes) {
        if (sizes.size() < 2) {
            return List.of();
        }
        ScanRuns small = sizes.get(0);
        ScanRuns large = sizes.get(sizes.size() - 1);
        return List.of(BenchResult.measured(String.format(Locale.ROOT,
                        "cluster scan growth: time per pod at %,d vs %,d pods", large.pods(), small.pods()),
                perPod(large), "ms/pod", String.format(Locale.ROOT, "time per pod at %,d pods", small.pods()),
                perPod(small), Target.ratio("<=", 1.3),
                "includes the fixed cost (JVM start, 2,000 namespaces' other objects), which favours the large size"));
    }

    private static List<Double> perPod(ScanRuns size) {
        return size.scanSeconds().stream().map(s -> s * 1000 / size.pods()).toList();
    }

    /** LISTs against ceil(objects / page size), for pods and for all kinds, and GETs of single objects (none). */
    private static List<BenchResult> requestRows(ScanRuns size) {
        String at = String.format(Locale.ROOT, "cluster scan, %,d pods: ", size.pods());
        int pods = size.objectsPerResource().getOrDefault("pods", 0);
        String counted = "counted in the API server's audit log";
        return List.of(
                BenchResult.measured(at + "LIST requests for pods", size.perRun("list", "pods"), "requests",
                        "ceil(" + pods + " pods / " + PAGE_SIZE + ")",
                        List.of((double) Math.max(1, (pods + PAGE_SIZE - 1) / PAGE_SIZE)), Target.ratio("<=", 1.0),
                        counted),
                BenchResult.measured(at + "LIST requests, all kinds", size.lists(), "requests",
                        "sum over kinds of ceil(objects / " + PAGE_SIZE + ")",
                        List.of((double) size.expectedLists(PAGE_SIZE)), Target.ratio("<=", 1.0),
                        counted + "; objects per kind (kubectl): " + size.objectsPerResource()),
                BenchResult.measured(at + "GET requests for single objects", size.objectGets(), "requests",
                        "none expected", List.of(0.0), Target.figure("==", 0),
                        "besides the kube-system namespace and the OIDC discovery document; all of the scan's"
                                + " requests: " + size.requests().get(0)));
    }

    private BenchResult azwi(Path build, int sample, KubernetesClient client, ScanRuns largest) {
        Path azwi;
        try {
            azwi = AzwiDetect.build(build, work);
        } catch (IllegalStateException e) {
            return BenchResult.unmeasured("azwi podidentity detect, every namespace", Verdict.BLOCKED,
                    "azwi could not be built: " + e.getMessage());
        }
        List<String> all = client.namespaces().list().getItems().stream()
                .map(HasMetadata::getMetadata).map(m -> m.getName()).sorted().toList();
        List<String> namespaces = new ArrayList<>();
        for (int i = 0; i < all.size(); i += sample) {
            namespaces.add(all.get(i));
        }
        AzwiDetect.Outcome outcome;
        try {
            outcome = AzwiDetect.run(azwi, cluster.kubeconfig(), namespaces, work.resolve("azwi"));
        } catch (RuntimeException e) {
            return BenchResult.unmeasured("azwi podidentity detect, every namespace", Verdict.ERROR, e.getMessage());
        }
        double seconds = outcome.seconds() * all.size() / namespaces.size();
        ScanRuns.ScanCounts scanFound = counts(work.resolve("scan.json"), Set.copyOf(namespaces));
        log("azwi: %.1f s over %d namespaces, %d workloads to migrate", outcome.seconds(), outcome.namespaces(),
                outcome.workloads());
        String sampled = sample == 1 ? "every namespace" : String.format(Locale.ROOT,
                "%d of %d namespaces (1 in %d; its time scaled up x%.1f)", namespaces.size(), all.size(), sample,
                seconds / outcome.seconds());
        return BenchResult.measured(String.format(Locale.ROOT,
                        "cluster scan vs azwi podidentity detect over every namespace, %,d pods", largest.pods()),
                largest.scanSeconds(), "s", "azwi, one run per namespace, " + AzwiDetect.PARALLEL + " at a time", List.of(seconds), null,
                "azwi ran in " + sampled + " and found " + outcome.workloads() + " workloads to migrate; the scan found"
                        + " there " + scanFound);
    }

    /** Objects per resource (plural) in kubectl's output, streamed: the list can be larger than the heap likes. */
    private static Map<String, Integer> objectsPerResource(Path kubectlOutput) {
        Map<String, Integer> counts = new TreeMap<>();
        try (JsonParser parser = JSON.getFactory().createParser(kubectlOutput.toFile())) {
            int depth = 0;
            while (parser.nextToken() != null) {
                JsonToken token = parser.currentToken();
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    depth++;
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                } else if (depth == 3 && token == JsonToken.FIELD_NAME && "kind".equals(parser.currentName())) {
                    parser.nextToken();
                    counts.merge(plural(parser.getText()), 1, Integer::sum);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kubectl's output " + kubectlOutput, e);
        }
        return counts;
    }

    static String plural(String kind) {
        String lower = kind.toLowerCase(Locale.ROOT);
        return lower.endsWith("y") ? lower.substring(0, lower.length() - 1) + "ies" : lower + "s";
    }

    /** What the scan found, in {@code namespaces} only unless that is null. */
    private static ScanRuns.ScanCounts counts(Path scanOutput, Set<String> namespaces) {
        JsonNode cluster = MigrateJar.inventory(scanOutput).path("clusters").path(0);
        int workloads = 0;
        int podIdentity = 0;
        int spSecret = 0;
        for (JsonNode workload : cluster.path("workloads")) {
            if (namespaces == null || namespaces.contains(workload.path("ref").path("namespace").asText())) {
                workloads++;
                podIdentity += workload.path("identities").isEmpty() ? 0 : 1;
                spSecret += workload.path("secretUses").isEmpty() ? 0 : 1;
            }
        }
        return new ScanRuns.ScanCounts(workloads, podIdentity, spSecret, inNamespaces(cluster.path("bindings"),
                namespaces), inNamespaces(cluster.path("azureIdentities"), namespaces));
    }

    private static int inNamespaces(JsonNode objects, Set<String> namespaces) {
        int count = 0;
        for (JsonNode object : objects) {
            count += namespaces == null || namespaces.contains(object.path("ref").path("namespace").asText()) ? 1 : 0;
        }
        return count;
    }

    private static double since(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void log(String format, Object... args) {
        System.err.printf("cluster bench: " + format + "%n", args);
    }
}
