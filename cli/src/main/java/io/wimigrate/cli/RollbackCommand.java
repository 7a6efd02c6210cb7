package io.wimigrate.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.executor.Executor;
import io.wimigrate.planner.io.PlanCodec;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.scanner.BadInputException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "rollback",
        mixinStandardHelpOptions = true,
        description = "Undoes what apply did, newest step first, each from the prior state its journal recorded;"
                + " steps never applied are skipped. Takes the same lease as apply.",
        sortOptions = false,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every step after --to-phase is undone",
            "1:a revert failed (run rollback again once fixed), the lease is held, or runtime failure",
            "2:usage error, bad input, or no confirmation",
            "3:the plan was made for another cluster, or Secrets it would restore are gone with their backups"
                    + " (purged by migrate finalize): they are named, nothing is undone",
            "130:interrupted (Ctrl-C or SIGTERM) after the running revert finished; run rollback again to resume"})
final class RollbackCommand implements Callable<Integer> {

    @ParentCommand
    private Migrate migrate;

    @Parameters(paramLabel = "PLAN", description = "The plan.yaml that was applied.")
    private Path planFile;

    @Option(names = "--to-phase", paramLabel = "N", defaultValue = "-1",
            description = "Undo the phases after N only (default: all).")
    private int toPhase;

    @Mixin
    private Confirmation confirmation;

    @Mixin
    private ExecutorOptions target;

    @Override
    public Integer call() {
        if (toPhase < -1 || toPhase > 6) {
            throw new BadInputException("--to-phase must be between 0 and 6");
        }
        Plan plan = PlanCodec.read(migrate.workingDirectory.resolve(planFile));
        if (!confirmation.given(migrate, "rollback", () -> String.format("Roll back %s%s on cluster %s?", planFile,
                toPhase < 0 ? "" : " to the end of phase " + toPhase, plan.header().clusters().get(0).name()))) {
            return ExitCode.USAGE;
        }
        try (KubernetesClient kube = target.kube(migrate, plan);
             ConsoleListener listener = new ConsoleListener(migrate.out, migrate.err, "rollback");
             Interruption interruption = new Interruption(migrate.err, "rollback").handleSignals()) {
            Executor executor = target.executor(migrate, plan, planFile, kube).listener(listener)
                    .interruptedWhen(interruption::requested).build();
            return Outcomes.print(migrate, executor.rollback(plan, toPhase), planFile, "rollback");
        }
    }
}
