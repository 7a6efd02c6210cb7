package io.wimigrate.localcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The webhook's fixed port allows one local cluster per machine. This lock (a file in the temporary directory) makes a
 * second test run on the machine, say in another worktree, wait for the first cluster to stop instead of failing.
 */
final class WebhookPortLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private WebhookPortLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static WebhookPortLock acquire() {
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "wimigrate-localcluster-" + LocalCluster.WEBHOOK_PORT
                + ".lock");
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                System.err.println("local cluster: another local cluster holds " + file + "; waiting for it to stop");
                lock = channel.lock();
            }
            return new WebhookPortLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
