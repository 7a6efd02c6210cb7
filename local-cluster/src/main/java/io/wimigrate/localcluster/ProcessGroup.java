package io.wimigrate.localcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The control plane's processes: each logs to its own file, and all are stopped (newest first, then killed if they
 * linger) on close or when the JVM exits, so a failing test leaves no stray process and no port taken.
 */
final class ProcessGroup implements AutoCloseable {

    private static final long GRACE_SECONDS = 10;

    private final Path logDir;
    private final Deque<Process> processes = new ArrayDeque<>();
    private final Thread shutdownHook = new Thread(this::stopAll, "local-cluster-shutdown");

    ProcessGroup(Path logDir) {
        this.logDir = logDir;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    Process start(String name, List<String> command, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve(name + ".log").toFile()));
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            synchronized (processes) {
                processes.push(process);
            }
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + command.get(0) + ")", e);
        }
    }

    /** Stops one process (as on close) and forgets it, so it can be started again. */
    void stop(Process process) {
        synchronized (processes) {
            processes.remove(process);
            terminate(process);
        }
    }

    Path log(String name) {
        return logDir.resolve(name + ".log");
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run; nothing left to remove
        }
    }

    private void stopAll() {
        synchronized (processes) {
            while (!processes.isEmpty()) {
                terminate(processes.pop());
            }
        }
    }

    private static void terminate(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(GRACE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
