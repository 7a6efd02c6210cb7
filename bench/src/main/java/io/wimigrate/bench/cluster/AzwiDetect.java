package io.wimigrate.bench.cluster;

import io.wimigrate.bench.TimedCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The peer tool: {@code azwi podidentity detect} (azure-workload-identity v1.6.0) works one namespace per run, so
 * covering a cluster means one run per namespace; they run {@link #PARALLEL} at a time, as a script would.
 */
final class AzwiDetect {

    static final int PARALLEL = 2;

    private AzwiDetect() {
    }

    /** What azwi generated for the namespaces it ran in, and the wall time of all its runs. */
    record Outcome(double seconds, int namespaces, int workloads, int serviceAccounts) {
    }

    /** Runs the build script (bench/azwi/build: cached after the first build) and returns the binary it printed. */
    static Path build(Path script, Path work) {
        Path out = work.resolve("azwi-build.out");
        TimedCommand.seconds(List.of(script.toString()), out, Map.of());
        try {
            List<String> lines = Files.readAllLines(out);
            return Path.of(lines.get(lines.size() - 1).strip());
        } catch (IOException | IndexOutOfBoundsException e) {
            throw new IllegalStateException(script + " printed no path", e);
        }
    }

    static Outcome run(Path azwi, Path kubeconfig, List<String> namespaces, Path work) {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            Files.createDirectories(work);
            long start = System.nanoTime();
            List<Future<Double>> runs = new ArrayList<>();
            for (String namespace : namespaces) {
                Path out = work.resolve(namespace);
                runs.add(pool.submit(() -> TimedCommand.seconds(List.of(azwi.toString(), "podidentity", "detect",
                        "--namespace", namespace, "--output-dir", out.toString()), work.resolve(namespace + ".log"),
                        Map.of("KUBECONFIG", kubeconfig.toString()))));
            }
            for (Future<Double> run : runs) {
                run.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int[] files = count(work);
            return new Outcome(seconds, namespaces.size(), files[0], files[1]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + work, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running azwi", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("azwi failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** {workload files, ServiceAccount files} azwi wrote. */
    private static int[] count(Path work) {
        try (Stream<Path> files = Files.walk(work)) {
            int[] counts = new int[2];
            files.filter(f -> f.toString().endsWith(".yaml")).forEach(f ->
                    counts[f.getFileName().toString().endsWith("-serviceaccount.yaml") ? 1 : 0]++);
            return counts;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read azwi's output under " + work, e);
        }
    }
}
