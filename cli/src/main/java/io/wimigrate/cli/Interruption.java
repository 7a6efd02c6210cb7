package io.wimigrate.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) or SIGTERM while apply or rollback runs. The first asks the run to stop: no new step starts, the
 * running ones finish and are journaled, the lease is freed, and the command exits 130. A second stops the process at
 * once, as a crash would (the journal resumes it; the lease expires by itself). Handled through {@code sun.misc.Signal}
 * rather than a shutdown hook: during JVM shutdown the HTTP clients' own hooks may already have closed them, and the
 * running steps could neither finish nor be journaled.
 */
final class Interruption implements AutoCloseable {

    private final PrintStream err;
    private final String command;
    private final AtomicBoolean requested = new AtomicBoolean();
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

    Interruption(PrintStream err, String command) {
        this.err = err;
        this.command = command;
    }

    /**
     * Handles SIGINT and SIGTERM until {@link #close}; before that they end the process as usual (a prompt for
     * confirmation stays interruptible).
     */
    Interruption handleSignals() {
        for (String name : new String[] {"INT", "TERM"}) {
            Signal signal = new Signal(name);
            previous.put(signal, Signal.handle(signal, this::received));
        }
        return this;
    }

    boolean requested() {
        return requested.get();
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
        previous.clear();
    }

    private void received(Signal signal) {
        if (requested.compareAndSet(false, true)) {
            err.println();
            err.println(command + ": SIG" + signal.getName() + " received: no further step starts; the steps running"
                    + " now finish and are journaled, then the lease is freed (send it again to stop at once)");
            return;
        }
        Runtime.getRuntime().halt(ExitCode.INTERRUPTED);
    }
}
