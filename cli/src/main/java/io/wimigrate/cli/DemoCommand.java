package io.wimigrate.cli;

import io.wimigrate.planner.io.PlanCodec;
import io.wimigrate.scanner.BadInputException;
import io.wimigrate.scanner.FileTrees;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "The whole migration on the bundled example, with nothing real at stake: starts a local Kubernetes control"
                    + " plane and the Azure emulator, seeds both from the examples directory, then runs scan, plan,"
                    + " apply (every phase), verify and status as you would, printing each command and its output.",
            "Needs the control-plane binaries of tools/localcluster/build (built on first use, about 20 minutes)."},
        sortOptions = false,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every command of the demo succeeded",
            "1:a command failed (its output says why) or the local cluster could not start",
            "2:the examples directory is incomplete"})
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    private Migrate migrate;

    @Option(names = "--examples", paramLabel = "DIR", defaultValue = "examples",
            description = "The example: cluster/ (a dump), repo/ and azure/role-assignments.yaml. Default: ${DEFAULT-VALUE}.")
    private Path examples;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "target/demo",
            description = "Where the plan, its journal and the local cluster's kubeconfig go. Default: ${DEFAULT-VALUE}.")
    private Path dir;

    @Option(names = "--rollback", description = "After verifying, roll everything back and show pod identity again.")
    private boolean rollback;

    @Override
    public Integer call() {
        Path exampleDir = migrate.workingDirectory.resolve(examples).normalize();
        for (String part : List.of("cluster", "repo", "azure/role-assignments.yaml")) {
            if (!Files.exists(exampleDir.resolve(part))) {
                throw new BadInputException("--examples " + examples + ": " + part + " is missing");
            }
        }
        Path work = migrate.workingDirectory.resolve(dir).toAbsolutePath().normalize();
        clean(work);
        try (DemoWorld world = DemoWorld.start(exampleDir, work, migrate.out)) {
            String kubeconfig = work.resolve("kubeconfig").toString();
            String plan = work.resolve("plan.yaml").toString();
            String repo = world.repo().toString();
            List<List<String>> commands = new ArrayList<>(List.of(
                    List.of("scan", "--kubeconfig", kubeconfig, "--repo", repo),
                    withAzure(world, "plan", "--kubeconfig", kubeconfig, "--repo", repo, "--location",
                            DemoWorld.LOCATION, "--out", work.toString())));
            if (!runAll(world, commands, work)) {
                return ExitCode.FAILURE;
            }
            List<String> applyOptions = DemoWorld.applyOptions(PlanCodec.read(Path.of(plan)));
            migrate.out.println();
            migrate.out.println("(demo) payments-worker belongs to Helm, which the demo does not run: it is patched"
                    + " live. After phase 4 the demo rewrites its repository copy (phase 5's patch), so it counts the"
                    + " plan's manual steps as done; there is no real Entra ID to revoke secrets in.");
            commands = new ArrayList<>(List.of(
                    apply(world, plan, kubeconfig, applyOptions, "--through", "4"),
                    List.of("rewrite", "--repo", repo, "--plan", plan, "--write"),
                    apply(world, plan, kubeconfig, applyOptions),
                    withAzure(world, "verify", plan, "--kubeconfig", kubeconfig),
                    List.of("status", plan, "--kubeconfig", kubeconfig)));
            if (rollback) {
                commands.add(withAzure(world, "rollback", plan, "--kubeconfig", kubeconfig, "--yes"));
                commands.add(List.of("status", plan, "--kubeconfig", kubeconfig));
                commands.add(List.of("scan", "--kubeconfig", kubeconfig));
            }
            if (!runAll(world, commands, work)) {
                return ExitCode.FAILURE;
            }
            migrate.out.println();
            migrate.out.println("Done. The plan, plan.md and the local journal are in " + work
                    + (rollback ? "." : "; 'migrate demo --rollback' also shows the undo."));
            return ExitCode.OK;
        }
    }

    private boolean runAll(DemoWorld world, List<List<String>> commands, Path work) {
        for (List<String> command : commands) {
            int exit = run(world, command);
            if (exit != ExitCode.OK) {
                migrate.err.printf("demo: 'migrate %s' failed with exit code %d; the files are in %s%n",
                        command.get(0), exit, work);
                return false;
            }
        }
        return true;
    }

    private static List<String> apply(DemoWorld world, String plan, String kubeconfig, List<String> options,
                                      String... more) {
        List<String> apply = new ArrayList<>(List.of("apply", plan, "--kubeconfig", kubeconfig));
        apply.addAll(options);
        apply.addAll(List.of(more));
        return withAzure(world, apply.toArray(String[]::new));
    }

    private static List<String> withAzure(DemoWorld world, String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(world.azureOptions());
        return all;
    }

    /** Runs {@code migrate <command>} as its own process, as a user would, and copies its output. */
    private int run(DemoWorld world, List<String> command) {
        migrate.out.println();
        migrate.out.println("$ migrate " + String.join(" ", command));
        ProcessBuilder builder = world.migrate(migrate.workingDirectory, command);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                output.lines().forEach(migrate.out::println);
            }
            return process.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run migrate " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.FAILURE;
        }
    }

    /** A demo starts from nothing: the previous run's plan and journal belong to a cluster that is gone. */
    private static void clean(Path work) {
        if (!Files.isDirectory(work)) {
            return;
        }
        try {
            FileTrees.delete(work);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + work, e);
        }
    }
}
