package io.wimigrate.cli;

import io.wimigrate.executor.LeaseHeldException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine;

/**
 * {@code migrate apply <args>} in a child JVM, built by the real {@link ApplyCommand} but with its handlers wrapped in a
 * {@link KillPoint} and a lease of {@link #LEASE}, so that the run stops dead after the first mutation it starts and
 * the parent can kill it there. The parent starts the next process while the current one runs: it gets ready (builds
 * the executor once, without running it, so that the classes are loaded) and waits for a line on stdin, then applies
 * as soon as the lease of the process killed before it has expired. Prints {@link #EXIT} and the exit code if it
 * finishes.
 */
public final class ApplyUntilKilled {

    static final Duration LEASE = Duration.ofSeconds(1);
    static final String EXIT = "EXIT ";

    private ApplyUntilKilled() {
    }

    public static void main(String[] args) throws Exception {
        Migrate migrate = new Migrate(Path.of("").toAbsolutePath(), System.out, System.err);
        ApplyCommand apply = (ApplyCommand) new CommandLine(migrate).parseArgs(args).subcommand().commandSpec()
                .userObject();
        KillPoint killPoint = new KillPoint(System.out);
        try {
            apply.call(builder -> {
                throw new Ready();
            });
        } catch (Ready ready) {
            // Built up to the executor; nothing ran.
        }
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        while (true) {
            try {
                int exit = apply.call(builder -> builder.binder(killPoint::bind).leaseDuration(LEASE));
                System.out.println(EXIT + exit);
                System.exit(exit);
            } catch (LeaseHeldException e) {
                Thread.sleep(100);
            }
        }
    }

    /** Stops the first, preparing call before the executor is built. */
    private static final class Ready extends RuntimeException {
        Ready() {
            super(null, null, false, false);
        }
    }
}
