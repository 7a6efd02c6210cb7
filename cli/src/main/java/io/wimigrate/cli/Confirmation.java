package io.wimigrate.cli;

import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** The operator's go-ahead before a command changes the cluster and Azure: {@code --yes}, or an answer. */
final class Confirmation {

    @Option(names = "--yes", description = "Do not ask for confirmation (needed when stdin is not a terminal).")
    private boolean yes;

    /**
     * True with {@code --yes} (the question is then never worked out), or when the operator answers yes on the
     * terminal. Without a terminal nobody can answer: says so (the caller exits 2).
     */
    boolean given(Migrate migrate, String command, Supplier<String> question) {
        if (yes) {
            return true;
        }
        if (System.console() == null) {
            migrate.err.println("error: " + command + " changes the cluster and Azure and needs a confirmation, but"
                    + " stdin is not a terminal: pass --yes");
            return false;
        }
        String answer = System.console().readLine("%s [y/N] ", question.get());
        return answer != null && Set.of("y", "yes").contains(answer.trim().toLowerCase(Locale.ROOT));
    }
}
