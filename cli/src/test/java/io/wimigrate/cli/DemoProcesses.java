package io.wimigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The demo's world (a fresh local cluster and the Azure emulator seeded from {@code examples/}) and {@code migrate}
 * run in it as separate processes, as an operator would; {@code PLAN} in arguments stands for the plan's path.
 */
final class DemoProcesses implements AutoCloseable {

    /** How one {@code migrate} process ended, with its stdout and stderr together. */
    record Run(int exit, String output) {
    }

    private final DemoWorld world;
    private final Path work;
    final String plan;

    private DemoProcesses(DemoWorld world, Path work) {
        this.world = world;
        this.work = work;
        this.plan = work.resolve("plan.yaml").toString();
    }

    static DemoProcesses start(Path work) {
        return new DemoProcesses(DemoWorld.start(Cli.PROJECT_ROOT.resolve("examples"), work, new PrintStream(
                PrintStream.nullOutputStream(), true, StandardCharsets.UTF_8)), work);
    }

    DemoWorld world() {
        return world;
    }

    /** {@code apply PLAN} with {@code options} and {@code more}. */
    static String[] apply(List<String> options, String... more) {
        List<String> apply = new ArrayList<>(List.of("apply", "PLAN"));
        apply.addAll(options);
        apply.addAll(List.of(more));
        return apply.toArray(String[]::new);
    }

    Run migrate(String... args) {
        return migrate(null, args);
    }

    /** Runs {@code migrate}; sends it SIGINT at the first output line {@code interruptAt} accepts (none: null). */
    Run migrate(Predicate<String> interruptAt, String... args) {
        List<String> command = new ArrayList<>(List.of(args).stream().map(a -> "PLAN".equals(a) ? plan : a).toList());
        if (!List.of("plan", "rewrite").contains(args[0])) {
            command.addAll(List.of("--kubeconfig", kubeconfig()));
        }
        if (!"rewrite".equals(args[0])) {
            command.addAll(world.azureOptions());
        }
        ProcessBuilder builder = world.migrate(Cli.PROJECT_ROOT, command);
        // A process started in the background (a CI job, a script) inherits SIGINT ignored, and the JVM then leaves
        // it ignored: give the child the default disposition, as on an operator's terminal.
        builder.command().addAll(0, List.of("env", "--default-signal=INT"));
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            StringBuilder output = new StringBuilder();
            boolean sent = false;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.append(line).append('\n');
                    if (!sent && interruptAt != null && interruptAt.test(line)) {
                        sent = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor() == 0;
                    }
                }
            }
            assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
            assertThat(sent || interruptAt == null).as("SIGINT sent: " + output).isTrue();
            return new Run(process.exitValue(), output.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String kubeconfig() {
        return work.resolve("kubeconfig").toString();
    }

    @Override
    public void close() {
        world.close();
    }
}
