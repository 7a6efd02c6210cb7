package io.wimigrate.scanner;

import java.util.concurrent.ThreadFactory;

/** Threads for the tool's own pools: named for a thread dump, and daemons, so none keeps the JVM alive. */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    public static ThreadFactory named(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
