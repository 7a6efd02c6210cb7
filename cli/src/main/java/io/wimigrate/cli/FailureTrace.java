package io.wimigrate.cli;

import java.io.PrintStream;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Where a failure happened: each exception of its cause chain by type, with its stack frames. Messages are left out:
 * a library's message can quote what it was reading (a kubeconfig line, a token endpoint's answer), and the error line
 * above the trace already says what went wrong in words that quote no secret.
 */
final class FailureTrace {

    private FailureTrace() {
    }

    static void print(PrintStream err, Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        String heading = "debug: failure: ";
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            err.println(heading + cause.getClass().getName());
            for (StackTraceElement frame : cause.getStackTrace()) {
                err.println("    at " + frame);
            }
            heading = "debug: caused by: ";
        }
    }
}
