package io.wimigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code migrate} commands against a {@link DemoWorld}, each its own process as an operator runs them, with the
 * world's kubeconfig, Azure endpoints and login; the plan is {@code plan.yaml} in the world's directory.
 */
final class WorldCommands implements AutoCloseable {

    /** Stands for the plan file in a command line. */
    static final String PLAN = "PLAN";

    private final DemoWorld world;
    private final Path work;

    private WorldCommands(DemoWorld world, Path work) {
        this.world = world;
        this.work = work;
    }

    /** A fresh world in {@code work} (its progress is not printed). */
    static WorldCommands start(Path work) {
        return new WorldCommands(DemoWorld.start(Cli.PROJECT_ROOT.resolve("examples"), work, new PrintStream(
                PrintStream.nullOutputStream(), true, StandardCharsets.UTF_8)), work);
    }

    DemoWorld world() {
        return world;
    }

    KubernetesClient kube() {
        return world.kube();
    }

    WorldSnapshot snapshot() {
        return WorldSnapshot.of(world.kube(), world.azure());
    }

    /** {@link #snapshot()} as it compares with another world's ({@link WorldSnapshot#acrossWorlds}). */
    WorldSnapshot snapshotAcrossWorlds() {
        return snapshot().acrossWorlds(world.issuer(), world.azure());
    }

    String plan() {
        return work.resolve("plan.yaml").toString();
    }

    String kubeconfig() {
        return work.resolve("kubeconfig").toString();
    }

    /** {@code migrate plan} of the examples, online, into the world's directory; it must succeed. */
    void makePlan() {
        Run made = migrate("plan", "--kubeconfig", kubeconfig(), "--repo", world.repo().toString(), "--location",
                DemoWorld.LOCATION, "--out", work.toString());
        assertThat(made.exit()).as(made.output()).isZero();
    }

    /** {@code apply PLAN} with {@code options} and then {@code more}. */
    static String[] apply(List<String> options, String... more) {
        List<String> apply = new ArrayList<>(List.of("apply", PLAN));
        apply.addAll(options);
        apply.addAll(List.of(more));
        return apply.toArray(String[]::new);
    }

    Run migrate(String... args) {
        return migrate(null, args);
    }

    /** Runs {@code migrate}; sends it SIGINT at the first output line {@code interruptAt} accepts (none: null). */
    Run migrate(Predicate<String> interruptAt, String... args) {
        return run(world, commandLine(args), interruptAt);
    }

    /**
     * {@code migrate} with exactly {@code args} in {@code world}'s environment (for commands with credentials of their
     * own); SIGINT at the first output line {@code interruptAt} accepts (none: null).
     */
    static Run run(DemoWorld world, List<String> args, Predicate<String> interruptAt) {
        ProcessBuilder builder = world.migrate(Cli.PROJECT_ROOT, args);
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

    /**
     * {@code args} as {@code migrate} takes them here: {@link #PLAN} replaced, the world's kubeconfig added to the
     * commands that read the cluster through the plan, its Azure to all but rewrite.
     */
    List<String> commandLine(String... args) {
        List<String> command = new ArrayList<>(List.of(args).stream().map(a -> PLAN.equals(a) ? plan() : a).toList());
        if (!List.of("plan", "rewrite").contains(args[0])) {
            command.addAll(List.of("--kubeconfig", kubeconfig()));
        }
        if (!"rewrite".equals(args[0])) {
            command.addAll(world.azureOptions());
        }
        return command;
    }

    @Override
    public void close() {
        world.close();
    }

    record Run(int exit, String output) {
    }
}
