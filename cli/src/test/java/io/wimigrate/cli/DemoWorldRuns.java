package io.wimigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code migrate} commands run as separate processes against a {@link DemoWorld}, as an operator would: the word
 * {@code PLAN} stands for the plan file; commands that read the cluster get the world's kubeconfig, commands that read
 * Azure its endpoints.
 */
final class DemoWorldRuns {

    private final DemoWorld world;
    private final Path work;

    DemoWorldRuns(DemoWorld world, Path work) {
        this.world = world;
        this.work = work;
    }

    String plan() {
        return work.resolve("plan.yaml").toString();
    }

    String kubeconfig() {
        return work.resolve("kubeconfig").toString();
    }

    /** {@code migrate plan} of the world's cluster and repository into the work directory. */
    Run makePlan() {
        return migrate("plan", "--kubeconfig", kubeconfig(), "--repo", world.repo().toString(), "--location",
                DemoWorld.LOCATION, "--out", work.toString());
    }

    /** {@code migrate apply PLAN} with the given options and more. */
    Run apply(List<String> options, String... more) {
        List<String> apply = new ArrayList<>(List.of("apply", "PLAN"));
        apply.addAll(options);
        apply.addAll(List.of(more));
        return migrate(apply.toArray(String[]::new));
    }

    Run migrate(String... args) {
        List<String> command = new ArrayList<>(List.of(args).stream().map(a -> "PLAN".equals(a) ? plan() : a)
                .toList());
        if (!List.of("plan", "rewrite").contains(args[0])) {
            command.addAll(List.of("--kubeconfig", kubeconfig()));
        }
        if (!"rewrite".equals(args[0])) {
            command.addAll(world.azureOptions());
        }
        try {
            Process process = world.migrate(Cli.PROJECT_ROOT, command).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
            return new Run(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Run(int exit, String output) {
    }
}
