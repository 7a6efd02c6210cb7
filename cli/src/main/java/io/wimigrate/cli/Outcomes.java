package io.wimigrate.cli;

import io.wimigrate.executor.RunOutcome;
import java.nio.file.Path;

/** How an apply or rollback ended, as the operator reads it, and its exit code. */
final class Outcomes {

    private Outcomes() {
    }

    static int print(Migrate migrate, RunOutcome outcome, Path planFile, String command) {
        String next = outcome.next().replace("PLAN", planFile.toString());
        switch (outcome.status()) {
            case COMPLETED -> {
                migrate.out.printf("%s: done (%d of %d steps); next: %s%n", command, outcome.done(), outcome.total(),
                        next);
                return ExitCode.OK;
            }
            case WAITING_FOR_MANUAL -> migrate.out.printf("%s: waiting for manual steps (%d of %d steps done):%n",
                    command, outcome.done(), outcome.total());
            case FAILED -> migrate.err.printf("error: %s stopped at a failed step (%d of %d steps done):%n",
                    command, outcome.done(), outcome.total());
            case LEASE_LOST -> migrate.err.printf("error: %s stopped: the lease was lost (%d of %d steps done):%n",
                    command, outcome.done(), outcome.total());
            case INTERRUPTED -> migrate.err.printf("%s interrupted (%d of %d steps done); the lease is free:%n",
                    command, outcome.done(), outcome.total());
            default -> throw new IllegalStateException(outcome.status().name());
        }
        outcome.problems().forEach(problem -> (outcome.status() == RunOutcome.Status.WAITING_FOR_MANUAL
                ? migrate.out : migrate.err).println("  " + problem));
        migrate.out.println("next: " + next);
        return outcome.status() == RunOutcome.Status.INTERRUPTED ? ExitCode.INTERRUPTED : ExitCode.FAILURE;
    }
}
