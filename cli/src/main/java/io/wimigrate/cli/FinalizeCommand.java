package io.wimigrate.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.executor.Executor;
import io.wimigrate.executor.SecretBackupStatus;
import io.wimigrate.executor.SecretBackupStatus.State;
import io.wimigrate.planner.io.PlanCodec;
import io.wimigrate.planner.model.Plan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "finalize",
        mixinStandardHelpOptions = true,
        description = {
            "Ends a migration: once every step of the plan is applied and verified (as its journal shows), purges the"
                    + " backup Secrets apply moved service-principal Secrets to (<name>-wimigrate-backup, labelled"
                    + " wimigrate.io/backup) once they are older than the grace period. Lists them first and asks"
                    + " for confirmation unless --yes.",
            "Each purge is journaled (names only) before the backup is deleted: status shows it, and rollback then"
                    + " refuses, naming each Secret it can no longer restore. The journal, with the pod-identity"
                    + " manifests rollback reinstalls, is kept. Takes the same lease as apply; running it again"
                    + " purges what has since come of age."},
        sortOptions = false,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every backup past the grace period is purged (or none is)",
            "1:runtime failure, or the lease is held by another run",
            "2:usage error, bad input (the plan not completely applied and verified, a bad --grace), or no"
                    + " confirmation",
            "3:the plan was made for another cluster"})
final class FinalizeCommand implements Callable<Integer> {

    @ParentCommand
    private Migrate migrate;

    @Parameters(paramLabel = "PLAN", description = "The plan.yaml that was applied.")
    private Path planFile;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "7d",
            description = "Purge only backups older than this: 7d, 36h, 90m, 0s or ISO-8601 such as P7D"
                    + " (default: ${DEFAULT-VALUE}).")
    private String grace;

    @Mixin
    private Confirmation confirmation;

    @Mixin
    private ExecutorOptions target;

    @Override
    public Integer call() {
        Duration period = GracePeriod.parse("--grace", grace);
        Plan plan = PlanCodec.read(migrate.workingDirectory.resolve(planFile));
        try (KubernetesClient kube = target.kube(migrate, plan);
             ConsoleListener listener = new ConsoleListener(migrate.out, migrate.err, "finalize")) {
            Executor executor = Executor.builder(kube).listener(listener)
                    .mirrorBeside(migrate.workingDirectory.resolve(planFile)).build();
            List<SecretBackupStatus> before = executor.backups(plan, period);
            migrate.out.print(table(before));
            long due = count(before, State.DUE);
            if (due == 0) {
                migrate.out.printf("finalize: nothing to purge%s%n", summary(before));
                return ExitCode.OK;
            }
            if (!confirmation.given(migrate, "finalize", () -> String.format("Purge %d backup Secret(s) for good?"
                    + " Rollback cannot restore them afterwards.", due))) {
                return ExitCode.USAGE;
            }
            List<SecretBackupStatus> after = executor.purgeBackups(plan, period);
            migrate.out.printf("finalize: purged %d backup Secret(s)%s%n", count(after, State.PURGED)
                    - count(before, State.PURGED), summary(after));
            return ExitCode.OK;
        }
    }

    private static String table(List<SecretBackupStatus> backups) {
        if (backups.isEmpty()) {
            return "No step of the plan moved a Secret to a backup.\n";
        }
        TextTable table = new TextTable("SECRET", "BACKUP", "MADE", "STATE", "DETAIL");
        backups.forEach(b -> table.row(b.secret().display(), b.backup(), b.backedUpAt(), b.state().label(),
                detail(b)));
        return table.render("");
    }

    private static String detail(SecretBackupStatus backup) {
        return switch (backup.state()) {
            case WAITING -> "kept until " + backup.at();
            case DUE -> "older than the grace period: purged by finalize";
            case PURGED -> "purged at " + backup.at() + "; rollback cannot restore " + backup.secret().display();
            default -> "the backup is gone, but not by finalize (deleted by hand?)";
        };
    }

    private static String summary(List<SecretBackupStatus> backups) {
        long purged = count(backups, State.PURGED);
        String next = backups.stream().filter(b -> b.state() == State.WAITING).map(SecretBackupStatus::at).sorted()
                .findFirst().map(at -> "; " + count(backups, State.WAITING) + " kept until the grace period ends"
                        + " (the first at " + at + "): run finalize again then").orElse("");
        return (purged > 0 ? "; " + purged + " purged in all" : "") + next;
    }

    private static long count(List<SecretBackupStatus> backups, State state) {
        return backups.stream().filter(b -> b.state() == state).count();
    }
}
