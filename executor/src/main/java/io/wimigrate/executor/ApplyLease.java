package io.wimigrate.executor;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.wimigrate.scanner.ClusterAccessException;
import io.wimigrate.scanner.DaemonThreads;
import io.wimigrate.scanner.cluster.Forbidden;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One apply or rollback per cluster at a time: a {@code coordination.k8s.io/v1} Lease in the tool's namespace naming
 * its holder ({@code user@host pid N}), renewed every third of its duration while the run lasts. A lease whose
 * {@code renewTime + leaseDurationSeconds} has passed belongs to a crashed holder and is taken over; every write
 * carries the resourceVersion read, so of two operators taking over at once only one succeeds.
 */
public final class ApplyLease implements AutoCloseable {

    public static final String NAME = "wimigrate-apply";

    private final KubernetesClient client;
    private final String namespace;
    private final String holder;
    private final Duration duration;
    private final Clock clock;
    private final ScheduledExecutorService renewer;
    private volatile Lease lease;
    private volatile String lost;

    private ApplyLease(KubernetesClient client, String namespace, String holder, Duration duration, Clock clock,
                       Lease lease) {
        this.client = client;
        this.namespace = namespace;
        this.holder = holder;
        this.duration = duration;
        this.clock = clock;
        this.lease = lease;
        this.renewer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("wimigrate-lease-renewal"));
        long period = Math.max(1, duration.toMillis() / 3);
        renewer.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    /** Takes the lease or throws {@link LeaseHeldException} naming who holds it and until when. */
    public static ApplyLease acquire(KubernetesClient client, String namespace, String holder, Duration duration,
                                     Clock clock) {
        ToolNamespace.ensure(client, namespace);
        for (int attempt = 0; attempt < 3; attempt++) {
            Lease existing = client.leases().inNamespace(namespace).withName(NAME).get();
            ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneOffset.UTC));
            Lease wanted = new LeaseBuilder(existing == null ? new Lease() : existing)
                    .editOrNewMetadata().withNamespace(namespace).withName(NAME)
                    .addToLabels(ToolNamespace.MANAGED_BY, "wimigrate").endMetadata()
                    .editOrNewSpec().withHolderIdentity(holder)
                    .withLeaseDurationSeconds((int) Math.max(1, duration.toSeconds()))
                    .withAcquireTime(now).withRenewTime(now)
                    .withLeaseTransitions(existing == null ? 0 : transitions(existing) + 1).endSpec()
                    .build();
            try {
                if (existing == null) {
                    return new ApplyLease(client, namespace, holder, duration, clock,
                            client.leases().inNamespace(namespace).resource(wanted).create());
                }
                ZonedDateTime expiry = expiry(existing);
                String current = existing.getSpec().getHolderIdentity();
                if (current != null && !current.isEmpty() && expiry != null && expiry.isAfter(now)) {
                    throw new LeaseHeldException("another apply or rollback holds the lease " + namespace + "/"
                            + NAME + ": " + current + ", until " + expiry.withNano(0) + " unless renewed; wait for"
                            + " it to finish (a crashed holder's lease expires by itself)");
                }
                return new ApplyLease(client, namespace, holder, duration, clock,
                        client.leases().inNamespace(namespace).resource(wanted).update());
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
            }
        }
        throw new LeaseHeldException("the lease " + namespace + "/" + NAME + " changed hands while it was taken;"
                + " another operator is starting an apply: try again later");
    }

    /** This process's identity as a lease holder: {@code user@host pid N}. */
    public static String holderIdentity() {
        String host = System.getenv().getOrDefault("HOSTNAME", "");
        if (host.isEmpty()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                host = "unknown-host";
            }
        }
        return System.getProperty("user.name") + "@" + host + " pid " + ProcessHandle.current().pid();
    }

    public String holder() {
        return holder;
    }

    /** Why the lease was lost (renewal failed, someone took it over), or null while it is held. */
    public String lost() {
        return lost;
    }

    private synchronized void renew() {
        if (lost != null) {
            return;
        }
        try {
            Lease renewed = new LeaseBuilder(lease).editSpec()
                    .withRenewTime(ZonedDateTime.now(clock.withZone(ZoneOffset.UTC))).endSpec().build();
            lease = client.leases().inNamespace(namespace).resource(renewed).update();
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT || e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                Lease now = client.leases().inNamespace(namespace).withName(NAME).get();
                lost = "the lease " + namespace + "/" + NAME + " was taken over by "
                        + (now == null ? "nobody (deleted)" : now.getSpec().getHolderIdentity());
            } else if (expiry(lease).isBefore(ZonedDateTime.now(clock.withZone(ZoneOffset.UTC)))) {
                lost = "the lease " + namespace + "/" + NAME + " expired: it could not be renewed";
            }
        } catch (RuntimeException e) {
            // A renewal that fails for a moment is retried at the next period; the lease is only lost once it expired.
            if (expiry(lease).isBefore(ZonedDateTime.now(clock.withZone(ZoneOffset.UTC)))) {
                lost = "the lease " + namespace + "/" + NAME + " expired: it could not be renewed";
            }
        }
    }

    /**
     * Stops renewing and frees the lease for the next operator (if it is still ours). A denied release is reported:
     * the next run would otherwise find the lease held, by this run, until it expires.
     */
    @Override
    public synchronized void close() {
        renewer.shutdownNow();
        if (lost == null) {
            try {
                client.leases().inNamespace(namespace).resource(new LeaseBuilder(lease).editSpec()
                        .withHolderIdentity(null).endSpec().build()).update();
            } catch (KubernetesClientException e) {
                if (e.getCode() == HttpURLConnection.HTTP_FORBIDDEN) {
                    throw new ClusterAccessException("cannot free the lease " + namespace + "/" + NAME + ": "
                            + Forbidden.orHttpStatus(e) + "; it stays held until " + expiry(lease).withNano(0), e);
                }
                // Taken over meanwhile, or unreachable: then it expires by itself.
            }
        }
    }

    private static ZonedDateTime expiry(Lease lease) {
        if (lease.getSpec() == null || lease.getSpec().getRenewTime() == null) {
            return null;
        }
        Integer seconds = lease.getSpec().getLeaseDurationSeconds();
        return lease.getSpec().getRenewTime().plusSeconds(seconds == null ? 0 : seconds);
    }

    private static int transitions(Lease lease) {
        return lease.getSpec() == null || lease.getSpec().getLeaseTransitions() == null ? 0
                : lease.getSpec().getLeaseTransitions();
    }
}
