package io.wimigrate.bench.repo;

import io.wimigrate.bench.GcLog;
import io.wimigrate.bench.MigrateJar;
import io.wimigrate.bench.TimedCommand;
import io.wimigrate.bench.results.BenchResult;
import io.wimigrate.bench.results.BenchResult.Target;
import io.wimigrate.bench.results.Fragments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code migrate scan --repo} (the real CLI jar, a fresh JVM per run, heap capped at 512 MiB) against ripgrep searching
 * the same tree for the strings the scan's detectors prefilter on, on a generated tree and on a real public Java
 * repository at a pinned commit. Figures: files per second of each (ratio = scan / rg) and the scan's peak heap.
 * Usage: {@code RepoScanBenchmark OUT_FILE WORK_DIR JAVA_FILES YAML_FILES BINARY_FILES RUNS [REAL_REPO_DIR LABEL]}.
 */
public final class RepoScanBenchmark {

    /** What the scan's detectors look for before they parse a file (their accepts()), for rg to search too. */
    static final List<String> PREFILTER = List.of("com.azure", "azure.identity", "aadpodidbinding", "azureidentity",
            "azurepodidentityexception", "clientsecret", "client_secret", "client-secret", "azidentity",
            "@azure/identity", "@azure/msal-node", "ConfidentialClientApplication", "AZURE_CLIENT_SECRET");

    private static final double HEAP_CAP_MIB = 512;

    private RepoScanBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 6 && args.length != 8) {
            System.err.println("usage: RepoScanBenchmark OUT_FILE WORK_DIR JAVA_FILES YAML_FILES BINARY_FILES RUNS"
                    + " [REAL_REPO_DIR LABEL]");
            System.exit(2);
        }
        Path work = Files.createDirectories(Path.of(args[1]));
        int runs = Integer.parseInt(args[5]);
        Path generated = work.resolve("generated");
        int files = RepoTree.write(generated, Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                Integer.parseInt(args[4]));
        String label = "generated tree (" + args[2] + " Java, " + args[3] + " YAML, " + args[4] + " binary)";
        List<BenchResult> results = new ArrayList<>(measure(label, generated, files, runs, work));
        if (args.length == 8) {
            Path real = Path.of(args[6]);
            results.addAll(measure(args[7], real, countFiles(real), runs, work));
        }
        Fragments.write(Path.of(args[0]), results);
    }

    private static List<BenchResult> measure(String label, Path tree, int files, int runs, Path work) {
        List<String> rg = new ArrayList<>(List.of("rg", "--ignore-case", "--line-number", "--fixed-strings"));
        PREFILTER.forEach(p -> rg.addAll(List.of("-e", p)));
        rg.add(tree.toString());
        Path output = work.resolve("out.json");
        Path gcLog = work.resolve("gc.log");
        List<String> scan = MigrateJar.command(List.of("-Xmx512m"), gcLog, "scan", "--repo", tree.toString(),
                "-o", "json");
        // Warm-up: the page cache holds the tree for both tools afterwards. Every scan run starts a fresh JVM anyway.
        TimedCommand.seconds(rg, output, Map.of(), Set.of(0, 1));
        List<Double> scanRates = new ArrayList<>();
        List<Double> rgRates = new ArrayList<>();
        List<Double> heaps = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            rgRates.add(files / TimedCommand.seconds(rg, output, Map.of(), Set.of(0, 1)));
            scanRates.add(files / TimedCommand.seconds(scan, output, Map.of()));
            heaps.add(GcLog.peakMiB(gcLog));
        }
        String findings = MigrateJar.findingCount(output) + " findings";
        System.err.printf("repo scan %s: %d files, %s%n", label, files, findings);
        return List.of(
                BenchResult.measured("repo scan, " + label + ": files/s vs rg", scanRates, "files/s",
                        "rg, same tree and prefilter strings", rgRates, Target.ratio(">=", 0.5),
                        files + " files; whole process incl. JVM start; " + findings),
                BenchResult.measured("repo scan, " + label + ": peak heap", heaps, "MiB", "heap cap -Xmx512m",
                        List.of(HEAP_CAP_MIB), Target.figure("<", HEAP_CAP_MIB),
                        "largest heap occupancy in the GC log; ran with -Xmx512m"));
    }

    private static int countFiles(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            return (int) paths.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot count the files under " + root, e);
        }
    }
}
