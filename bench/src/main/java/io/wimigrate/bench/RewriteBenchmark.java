package io.wimigrate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wimigrate.bench.results.BenchResult;
import io.wimigrate.bench.results.BenchResult.Target;
import io.wimigrate.rewriter.RepoRewriter;
import io.wimigrate.scanner.FileTrees;
import io.wimigrate.rewriter.RewriteResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rewrite scan over a generated repository (20,000 Java and 5,000 YAML files by default) against ripgrep
 * searching the same tree for the tokens the recipes look for, in the same run: prints files/s, the ratio rg time /
 * our time (target at least {@value #TARGET_RATIO}) and, last, its row for bench/run as one JSON line. Run through
 * {@code bench/rewrite}.
 */
public final class RewriteBenchmark {

    static final double TARGET_RATIO = 0.3;
    /** What the recipes' cheap prefilters look for: rg finds every file a recipe would take a closer look at. */
    private static final List<String> PATTERNS = List.of("ClientSecretCredential", "ClientCertificateCredential",
            "EnvironmentCredential", "ApplicationTokenCredentials", "MSICredentials", "createFromSecret", "adal4j",
            "azure-identity", "client-secret", "clientSecret", "client_secret", "client-certificate",
            "azure.activedirectory", "aadpodidbinding", "AZURE_CLIENT_SECRET", "AzureIdentityBinding");

    private static final ObjectMapper JSON = new ObjectMapper();

    private RewriteBenchmark() {
    }

    private static List<Double> rates(int files, List<Double> seconds) {
        return seconds.stream().map(s -> files / s).toList();
    }

    public static void main(String[] args) throws Exception {
        int javaFiles = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int yamlFiles = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path root = Files.createTempDirectory("wimigrate-rewrite-bench-");
        try {
            GeneratedRepo.write(root, javaFiles, yamlFiles);
            int files = javaFiles + yamlFiles;
            long coldStart = System.nanoTime();
            RewriteResult result = new RepoRewriter().rewrite(root);
            double cold = (System.nanoTime() - coldStart) / 1e9;
            int[] matched = {0};
            // Run in turn, so that a load coming and going on a shared machine weighs on both sides alike.
            List<List<Double>> timed = Timing.alternating(runs, () -> new RepoRewriter().rewrite(root).patch(),
                    () -> matched[0] = ripgrep(root));
            List<Double> ours = timed.get(0);
            List<Double> rg = timed.get(1);
            BenchResult row = BenchResult.measured(String.format(Locale.ROOT, "rewrite scan, generated tree (%d Java,"
                            + " %d YAML): files/s vs rg", javaFiles, yamlFiles), rates(files, ours), "files/s",
                    "rg, same tree and the recipes' prefilter strings", rates(files, rg),
                    Target.ratio(">=", TARGET_RATIO), String.format(Locale.ROOT, "in one warm JVM, run in turn with"
                            + " rg; %d files to change; the first (cold) run took %.2f s", result.files().size(), cold));
            System.out.printf("rewrite benchmark: %,d Java + %,d YAML files; %,d files to change, %,d notes%n",
                    javaFiles, yamlFiles, result.files().size(), result.notes().size());
            System.out.printf("  rewrite scan: median %.3f s (min %.3f, max %.3f) = %,.0f files/s; first (cold JVM)"
                    + " run %.3f s%n", BenchResult.Runs.of(ours).median(), ours.get(0), ours.get(ours.size() - 1),
                    files / BenchResult.Runs.of(ours).median(), cold);
            System.out.printf("  rg (%d patterns, %,d files match): median %.3f s (min %.3f, max %.3f)%n",
                    PATTERNS.size(), matched[0], BenchResult.Runs.of(rg).median(), rg.get(0), rg.get(rg.size() - 1));
            System.out.printf("  ratio rg / rewrite %.2f (best runs %.2f), target >= %.1f: %s%n", row.ratio(),
                    rg.get(0) / ours.get(0), TARGET_RATIO, row.verdict());
            System.out.println(JSON.writeValueAsString(List.of(row)));
        } finally {
            FileTrees.delete(root);
        }
    }

    /** rg -l over the tree; returns how many files match. */
    private static int ripgrep(Path root) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("rg", "--files-with-matches", "--fixed-strings"));
        PATTERNS.forEach(pattern -> command.addAll(List.of("-e", pattern)));
        command.add(".");
        Process process = new ProcessBuilder(command).directory(root.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (exit > 1) {
            throw new IllegalStateException("rg failed with exit code " + exit);
        }
        return (int) out.lines().count();
    }
}
