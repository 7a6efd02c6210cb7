package io.wimigrate.bench.apply;

import io.wimigrate.azure.emulator.AzureEmulator;
import io.wimigrate.azure.emulator.RequestRecord;
import io.wimigrate.azure.emulator.SeededApplication;
import io.wimigrate.bench.MigrateJar;
import io.wimigrate.bench.TimedCommand;
import io.wimigrate.bench.results.BenchResult;
import io.wimigrate.bench.results.BenchResult.Target;
import io.wimigrate.bench.results.Fragments;
import io.wimigrate.localcluster.LocalCluster;
import io.wimigrate.localcluster.TrustStores;
import io.wimigrate.planner.io.PlanCodec;
import io.wimigrate.planner.model.ApplyRepoPatch;
import io.wimigrate.planner.model.ManualAction;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.scanner.report.InventoryCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code migrate apply} (the CLI jar, fresh JVMs, {@code --yes}: phases 0 to 2 with every step of a phase free to run
 * at once, so the credential chains, one step per identity at a time, are the only limit; then the rest) of a
 * generated pod-identity fleet
 * ({@link ApplyFleet}) with every ARM request delayed by the emulated latency, against the plan's critical-path lower
 * bound ({@link CriticalPath}). The figure is the apply's ARM window, from the emulator's request log: from the start
 * of its first ARM request to the end of its last federated-credential write (phases 1 and 2; the Kubernetes phases
 * and JVM start are outside the bound and the window). The whole apply's wall time is reported beside it. Each run
 * gets a fresh local cluster and emulator.
 * Usage: {@code ApplyBenchmark OUT_FILE WORK_DIR WORKLOADS IDENTITIES RUNS LATENCY_MS CRDS}.
 */
public final class ApplyBenchmark {

    private static final Duration FIC_WRITE = Duration.ofMillis(50);
    /**
     * The Kubernetes phases (3 to 6) run in a second apply with this many steps at once: a 2-core machine's API server
     * times out under hundreds of parallel rollouts and journal writes, which says nothing about ARM.
     */
    private static final int KUBERNETES_PARALLELISM = 16;
    private static final Duration TIMELINE_GAP = Duration.ofMillis(20);
    private static final Pattern FIC_WRITE_PATH = Pattern.compile("(?i).*/federatedIdentityCredentials/[^/]+$");

    private ApplyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: ApplyBenchmark OUT_FILE WORK_DIR WORKLOADS IDENTITIES RUNS LATENCY_MS CRDS");
            System.exit(2);
        }
        Path work = Files.createDirectories(Path.of(args[1]));
        int workloads = Integer.parseInt(args[2]);
        int identities = Integer.parseInt(args[3]);
        int runs = Integer.parseInt(args[4]);
        Duration latency = Duration.ofMillis(Long.parseLong(args[5]));
        List<Double> windows = new ArrayList<>();
        List<Double> walls = new ArrayList<>();
        List<Double> bounds = new ArrayList<>();
        String path = null;
        int parallelism = 0;
        for (int run = 1; run <= runs; run++) {
            Measured measured = measure(work.resolve("run-" + run), workloads, identities, latency,
                    Path.of(args[6]));
            parallelism = measured.parallelism();
            windows.add(measured.armWindow());
            walls.add(measured.wall());
            bounds.add(measured.path().bound().toMillis() / 1000.0);
            path = measured.path().describe();
            log("run %d: ARM window %.2f s, whole apply %.1f s, bound %s", run, measured.armWindow(),
                    measured.wall(), path);
        }
        String at = String.format(Locale.ROOT, "apply, %d workloads / %d identities", workloads, identities);
        String setting = String.format(Locale.ROOT, "%d ms ARM latency, phases 0-2 at --parallelism %d, 3-6 at %d",
                latency.toMillis(), parallelism, KUBERNETES_PARALLELISM);
        Fragments.write(Path.of(args[0]), List.of(
                BenchResult.measured(at + ": ARM phases vs critical-path lower bound", windows, "s",
                        "critical-path lower bound (" + path + ")", bounds, Target.ratio("<=", 1.3),
                        setting + "; figure: first ARM request to the end of the last credential write, from the"
                                + " emulator's request log"),
                BenchResult.measured(at + ": whole apply, every phase (two applies)", walls, "s",
                        "critical-path lower bound of its ARM work", bounds, null, setting + "; whole process incl."
                                + " JVM start, rollouts of every workload on kwok nodes and token-exchange verify")));
    }

    private record Measured(double armWindow, double wall, CriticalPath path, int parallelism) {
    }

    private static Measured measure(Path dir, int workloads, int identities, Duration latency, Path crds)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        try (LocalCluster cluster = LocalCluster.start();
             AzureEmulator azure = AzureEmulator.builder().tenantId(LocalCluster.TENANT_ID)
                     .issuerTrust(TrustStores.sslContextFor(cluster.caCertificate())).start()) {
            long start = System.nanoTime();
            ApplyFleet fleet = new ApplyFleet(cluster.client(), azure, workloads, identities);
            fleet.create(crds);
            fleet.awaitReady(Duration.ofMinutes(5));
            log("%d workloads ready in %.0f s", workloads, (System.nanoTime() - start) / 1e9);
            SeededApplication operator = azure.seed().servicePrincipalWithSecret("bench-operator");
            Path endpoints = dir.resolve("azure-endpoints.json");
            Files.writeString(endpoints, InventoryCodec.toJson(
                    azure.environmentEndpoints()));
            Child child = new Child(azure, operator, cluster.kubeconfig(), endpoints, dir);
            child.run("plan.out", "plan", "--kubeconfig", cluster.kubeconfig().toString(), "--azure-endpoints",
                    endpoints.toString(), "--location", ApplyFleet.LOCATION, "--out", dir.toString());
            Plan plan = PlanCodec.read(dir.resolve("plan.yaml"));
            int parallelism = plan.phases().stream().filter(p -> p.phase() <= 2).mapToInt(p -> p.steps().size())
                    .max().orElse(1);

            azure.faults().latency(latency).ficWriteDuration(FIC_WRITE);
            azure.requestLog().clear();
            List<String> apply = new ArrayList<>(List.of("apply", dir.resolve("plan.yaml").toString(),
                    "--kubeconfig", cluster.kubeconfig().toString(), "--azure-endpoints", endpoints.toString(),
                    "--yes"));
            plan.steps().stream().filter(s -> s instanceof ManualAction || s instanceof ApplyRepoPatch)
                    .forEach(s -> apply.addAll(List.of("--ack-manual", s.id())));
            double wall = child.run("apply-arm.out", with(apply, "--through", "2", "--parallelism",
                    String.valueOf(parallelism)));
            List<RequestRecord> arm = azure.requestLog().all();
            log("ARM requests of phases 0-2 (bursts split where none was in flight for %d ms):",
                    TIMELINE_GAP.toMillis());
            ArmTimeline.of(arm, TIMELINE_GAP).lines().forEach(line -> log("%s", line));
            wall += child.run("apply-rest.out", with(apply, "--parallelism", String.valueOf(KUBERNETES_PARALLELISM)));
            azure.faults().reset();
            return new Measured(armWindow(arm), wall, CriticalPath.of(plan, latency, FIC_WRITE), parallelism);
        }
    }

    private static String[] with(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** Seconds from the first ARM request's start to the end of the last successful credential write. */
    private static double armWindow(List<RequestRecord> log) {
        List<RequestRecord> arm = log.stream().filter(r -> r.path().toLowerCase(Locale.ROOT)
                .startsWith("/subscriptions/")).toList();
        Instant first = arm.stream().map(RequestRecord::start).min(Comparator.naturalOrder())
                .orElseThrow(() -> new IllegalStateException("the apply made no ARM request"));
        Instant last = arm.stream().filter(r -> "PUT".equals(r.method()) && r.status() / 100 == 2
                        && FIC_WRITE_PATH.matcher(r.path()).matches()).map(RequestRecord::end)
                .max(Comparator.naturalOrder())
                .orElseThrow(() -> new IllegalStateException("the apply wrote no federated credential"));
        return Duration.between(first, last).toNanos() / 1e9;
    }

    /** {@code migrate} in its own JVM, trusting the emulator, logged in as the operator through its environment. */
    private record Child(AzureEmulator azure, SeededApplication operator, Path kubeconfig, Path endpoints,
                         Path dir) {

        double run(String output, String... args) {
            // In an argument file beside the emulator's, so the trust store's password is in no command line or error.
            Path options = dir.resolve("trust-store.options");
            try {
                Files.writeString(options, "-Djavax.net.ssl.trustStore=" + azure.trustStoreFile()
                        + "\n-Djavax.net.ssl.trustStorePassword=" + azure.trustStorePassword()
                        + "\n-Djavax.net.ssl.trustStoreType=PKCS12\n");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + options, e);
            }
            List<String> command = MigrateJar.command(List.of("@" + options), dir.resolve(output + ".gc.log"), args);
            return TimedCommand.seconds(command, dir.resolve(output), Map.of("AZURE_CLIENT_ID", operator.appId(),
                    "AZURE_CLIENT_SECRET", operator.secret(), "AZURE_TENANT_ID", azure.tenantId(),
                    "HOME", dir.toString()));
        }
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "apply bench: " + format + "%n", args);
    }
}
