package io.wimigrate.localcluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A loopback TCP proxy in front of etcd that holds every chunk kube-apiserver sends for a settable latency before
 * passing it on, in order (a delay line: latency is added to each request, throughput is kept). What etcd sends back,
 * watch events included, passes at once.
 */
final class EtcdLatencyProxy implements AutoCloseable {

    private static final int BUFFER = 64 * 1024;

    private final ServerSocket server;
    private final int etcdPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile long latencyNanos;

    private EtcdLatencyProxy(ServerSocket server, int etcdPort) {
        this.server = server;
        this.etcdPort = etcdPort;
    }

    static EtcdLatencyProxy start(int etcdPort) {
        try {
            EtcdLatencyProxy proxy = new EtcdLatencyProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()),
                    etcdPort);
            daemon("etcd-proxy-accept", proxy::accept);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the etcd proxy's port", e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    void latency(Duration value) {
        latencyNanos = value.toNanos();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        sockets.forEach(EtcdLatencyProxy::closeQuietly);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket etcd = new Socket(InetAddress.getLoopbackAddress(), etcdPort);
                client.setTcpNoDelay(true);
                etcd.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(etcd);
                BlockingQueue<Chunk> line = new LinkedBlockingQueue<>();
                daemon("etcd-proxy-read", () -> read(client, line));
                daemon("etcd-proxy-delayed-write", () -> writeDelayed(line, etcd, client));
                daemon("etcd-proxy-reply", () -> copy(etcd, client));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("etcd proxy: " + e.getMessage());
                }
            }
        }
    }

    /** Reads what kube-apiserver sends and queues it with the time it may go on; an empty chunk marks the end. */
    private void read(Socket from, BlockingQueue<Chunk> line) {
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = from.getInputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                line.add(new Chunk(System.nanoTime() + latencyNanos, Arrays.copyOf(buffer, n)));
            }
        } catch (IOException closed) {
            // the connection ended
        }
        line.add(new Chunk(System.nanoTime() + latencyNanos, new byte[0]));
    }

    private static void writeDelayed(BlockingQueue<Chunk> line, Socket to, Socket from) {
        try (OutputStream out = to.getOutputStream()) {
            while (true) {
                Chunk chunk = line.take();
                long wait = chunk.due() - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                if (chunk.bytes().length == 0) {
                    break;
                }
                out.write(chunk.bytes());
                out.flush();
            }
        } catch (IOException closed) {
            // the connection ended
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(to);
        closeQuietly(from);
    }

    private static void copy(Socket from, Socket to) {
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException closed) {
            // the connection ended
        }
        closeQuietly(from);
        closeQuietly(to);
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private record Chunk(long due, byte[] bytes) {
    }
}
