package io.wimigrate.cli;

import java.util.Locale;
import java.util.Set;

/** The operator's go-ahead before a command changes the cluster and Azure. */
final class Confirmation {

    private Confirmation() {
    }

    /**
     * True with {@code --yes}, or when the operator answers yes on the terminal. Without a terminal nobody can answer:
     * says so (the caller exits 2).
     */
    static boolean given(Migrate migrate, boolean yes, String command, String question, Object... args) {
        if (yes) {
            return true;
        }
        if (System.console() == null) {
            migrate.err.println("error: " + command + " changes the cluster and Azure and needs a confirmation, but"
                    + " stdin is not a terminal: pass --yes");
            return false;
        }
        String answer = System.console().readLine(question + " [y/N] ", args);
        return answer != null && Set.of("y", "yes").contains(answer.trim().toLowerCase(Locale.ROOT));
    }
}
