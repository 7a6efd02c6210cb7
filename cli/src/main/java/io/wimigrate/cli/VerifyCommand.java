package io.wimigrate.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.executor.VerifyOutcome;
import io.wimigrate.planner.io.PlanCodec;
import io.wimigrate.planner.model.Plan;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "verify",
        mixinStandardHelpOptions = true,
        description = "Runs the plan's verification steps: each migrated workload's pods carry the webhook's"
                + " environment and token, and its ServiceAccount token is exchanged for an Entra token of each"
                + " identity. Changes nothing.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every workload verified", "1:a workload failed (named, with the fix) or runtime failure",
            "2:usage error or bad input", "3:the plan was made for another cluster"})
final class VerifyCommand implements Callable<Integer> {

    @ParentCommand
    private Migrate migrate;

    @Parameters(paramLabel = "PLAN", description = "The plan.yaml that was applied.")
    private Path planFile;

    @Mixin
    private ExecutorOptions target;

    @Override
    public Integer call() {
        Plan plan = PlanCodec.read(migrate.workingDirectory.resolve(planFile));
        try (KubernetesClient kube = target.kube(migrate, plan);
             ConsoleListener listener = new ConsoleListener(migrate.out, migrate.err, "verify")) {
            VerifyOutcome outcome = target.executor(migrate, plan, planFile, kube).listener(listener).build()
                    .verify(plan);
            long failed = outcome.results().stream().filter(r -> !r.passed()).count();
            if (failed == 0) {
                migrate.out.printf("verify: %d workload(s) verified%n", outcome.results().size());
                return ExitCode.OK;
            }
            migrate.err.printf("error: %d of %d workload(s) failed verification:%n", failed,
                    outcome.results().size());
            outcome.results().stream().filter(r -> !r.passed()).forEach(r -> migrate.err.println("  "
                    + r.step().target().display() + ": " + r.detail()));
            return ExitCode.FAILURE;
        }
    }
}
