package io.wimigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.resourcemanager.msi.MsiManager;
import com.azure.resourcemanager.msi.fluent.FederatedIdentityCredentialsClient;
import com.azure.resourcemanager.msi.fluent.models.FederatedIdentityCredentialInner;
import io.wimigrate.azure.emulator.AzureEmulator;
import io.wimigrate.azure.emulator.AzureState;
import io.wimigrate.azure.emulator.ManagedIdentity;
import io.wimigrate.azure.emulator.RequestRecord;
import io.wimigrate.azure.emulator.SeededApplication;
import io.wimigrate.cli.WorldCommands.Run;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.planner.io.PlanCodec;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples applied while ARM misbehaves (issue 6): random 429s with Retry-After, a burst of them, 10% 500s, and
 * another writer's federated-credential writes that make the tool's overlapping ones fail with 409, on identities
 * whose credential writes take long enough that unserialised writes would collide. Apply must still complete, never
 * overlap its own credential writes to one identity, wait as long as each Retry-After says, and leave Azure as a
 * fault-free apply of the same plan does. Each apply's exit, duration and the faults met are printed; a failed
 * apply's whole output is the assertion's message.
 */
@Tag("live-cluster")
@ExtendWith(LocalClusterExtension.class)
@LocalClusterExtension.OwnClusters
class ApplyUnderArmFaultsTest {

    private static final int RETRY_AFTER_SECONDS = 2;
    private static final String PROBE = "outsider-probe";
    /** How many of the tool's credential writes the outsider makes fail with 409 before it stops. */
    private static final int CONFLICTS = 3;
    private static final Pattern FIC_REQUEST = Pattern.compile("(?i)^.*/userAssignedIdentities/[^/]+"
            + "/federatedIdentityCredentials(/[^/]+)?$");
    private static final Pattern FIC_WRITE = Pattern.compile("(?i)^(.*/userAssignedIdentities/[^/]+)"
            + "/federatedIdentityCredentials/([^/]+)$");

    @TempDir
    Path work;

    /**
     * One world, so the test takes the machine's one local cluster once: apply under faults, then roll back, plan
     * again (the rollback changed resourceVersions) and apply without faults for the reference end state.
     */
    @Test
    void applyCompletesUnderThrottlingServerErrorsAndConcurrentWritersWithTheFaultFreeEndState() throws Exception {
        try (WorldCommands runs = WorldCommands.start(work)) {
            DemoWorld world = runs.world();
            SortedSet<String> underFaults = applied(world, runs, true);

            Run rollback = runs.migrate("rollback", "PLAN", "--yes");
            assertThat(rollback.exit()).as(rollback.output()).isZero();
            SortedSet<String> faultFree = applied(world, runs, false);

            assertThat(underFaults).isEqualTo(faultFree);
        }
    }

    /** Plans, applies every phase with or without faults, verifies, and returns Azure's end state. */
    private static SortedSet<String> applied(DemoWorld world, WorldCommands runs, boolean faulty) throws Exception {
        runs.makePlan();
        List<String> options = DemoWorld.applyOptions(PlanCodec.read(Path.of(runs.plan())));
        if (faulty) {
            world.azure().faults().throttleRate(0.05, RETRY_AFTER_SECONDS).serverErrorRate(0.10)
                    .ficWriteDuration(Duration.ofMillis(400)).throttleNext(6, RETRY_AFTER_SECONDS);
        }
        world.azure().requestLog().clear();
        Outsider outsider = faulty ? Outsider.start(world.azure()) : null;
        Run apply;
        long start = System.nanoTime();
        try {
            apply = runs.migrate(WorldCommands.apply(options));
        } finally {
            if (outsider != null) {
                outsider.stop();
            }
        }
        List<RequestRecord> log = world.azure().requestLog().all();
        world.azure().faults().reset();
        System.err.printf("arm faults: %s apply exited %d after %d s; %d ARM/Graph requests, answered 429: %d,"
                + " 5xx: %d, 409: %d%n", faulty ? "faulty" : "fault-free", apply.exit(),
                Duration.ofNanos(System.nanoTime() - start).toSeconds(), log.size(), answered(log, 429),
                answered(log, 500), answered(log, 409));
        // On failure the apply's whole output (stdout and stderr; it never holds a secret) is the message.
        assertThat(apply.exit()).as(apply.output()).isZero();
        if (outsider != null) {
            outsider.cleanUp();
        }

        Run verify = runs.migrate("verify", "PLAN");
        assertThat(verify.exit()).as(verify.output()).isZero();
        if (faulty) {
            assertFaultsWereMet(log);
        }
        return azureState(world.azure());
    }

    private static long answered(List<RequestRecord> log, int status) {
        return log.stream().filter(r -> r.status() == status).count();
    }

    private static void assertFaultsWereMet(List<RequestRecord> log) {
        List<RequestRecord> toolWrites = log.stream().filter(ApplyUnderArmFaultsTest::ficWrite)
                .filter(r -> !PROBE.equalsIgnoreCase(ficName(r))).toList();
        assertThat(log).as("429s").anyMatch(r -> r.status() == 429);
        assertThat(log).as("500s").anyMatch(r -> r.status() == 500);
        assertThat(toolWrites).as("the tool's credential writes refused for a concurrent write")
                .anyMatch(r -> r.status() == 409);
        Map<String, List<RequestRecord>> byIdentity = toolWrites.stream()
                .collect(Collectors.groupingBy(ApplyUnderArmFaultsTest::identityOf));
        byIdentity.forEach((identity, writes) -> {
            for (int i = 0; i < writes.size(); i++) {
                for (int j = i + 1; j < writes.size(); j++) {
                    assertThat(writes.get(i).overlaps(writes.get(j)))
                            .as("credential writes to %s overlap: %s and %s", identity, writes.get(i), writes.get(j))
                            .isFalse();
                }
            }
        });
        List<RequestRecord> byStart = log.stream().sorted(Comparator.comparing(RequestRecord::start)).toList();
        int checked = 0;
        for (int i = 0; i < byStart.size(); i++) {
            RequestRecord throttled = byStart.get(i);
            if (throttled.status() != 429 || !FIC_REQUEST.matcher(throttled.path()).matches()
                    || PROBE.equalsIgnoreCase(ficName(throttled))) {
                continue;
            }
            // The tool's requests on one identity's credentials never run side by side (its steps on one identity
            // run one at a time), so the next same request is the retry.
            RequestRecord retry = byStart.subList(i + 1, byStart.size()).stream()
                    .filter(r -> r.method().equals(throttled.method()) && r.path().equalsIgnoreCase(throttled.path())
                            && Objects.equals(r.query(), throttled.query()))
                    .findFirst().orElseThrow(() -> new AssertionError("never retried: " + throttled));
            assertThat(retry.start()).as("the retry of %s", throttled)
                    .isAfterOrEqualTo(throttled.end().plusSeconds(RETRY_AFTER_SECONDS));
            checked++;
        }
        assertThat(checked).as("throttled credential requests whose retry was checked against Retry-After")
                .isPositive();
    }

    /**
     * Identities, their federated credentials and the role assignments, in terms that do not change from one world to
     * the next: principals by identity or application name, issuers by their path.
     */
    private static SortedSet<String> azureState(AzureEmulator azure) {
        AzureState state = azure.state();
        Map<String, String> principals = new HashMap<>();
        SortedSet<String> result = new TreeSet<>();
        for (ManagedIdentity identity : state.identities()) {
            principals.put(identity.principalId(), "identity " + identity.name());
            result.add("identity " + identity.id().toLowerCase() + " " + identity.location() + " " + identity.tags());
            state.federatedCredentials(identity.id()).forEach(fic -> result.add("fic " + identity.name() + "/"
                    + fic.name() + " " + URI.create(fic.issuer()).getPath() + " " + fic.subject() + " "
                    + fic.audiences()));
        }
        state.servicePrincipals().forEach(sp -> principals.put(sp.id(), "application " + sp.displayName()));
        state.applications().forEach(app -> state.applicationFederatedCredentials(app.id()).forEach(fic ->
                result.add("application fic " + app.displayName() + "/" + fic.name() + " " + fic.subject())));
        state.roleAssignments().forEach(a -> result.add("role " + principals.getOrDefault(a.principalId(),
                a.principalId()) + " " + a.roleDefinitionId() + " " + a.scope().toLowerCase()));
        return result;
    }

    private static boolean ficWrite(RequestRecord r) {
        return List.of("PUT", "DELETE").contains(r.method()) && FIC_WRITE.matcher(r.path()).matches();
    }

    private static String identityOf(RequestRecord r) {
        Matcher m = FIC_WRITE.matcher(r.path());
        return m.matches() ? m.group(1).toLowerCase() : "";
    }

    private static String ficName(RequestRecord r) {
        Matcher m = FIC_WRITE.matcher(r.path());
        return m.matches() ? m.group(2) : "";
    }

    /**
     * Another writer, as a second operator or a pipeline would be: every identity gets a credential of its own written
     * and deleted in turn, so the tool's writes meet Azure's 409 for concurrent writes to one identity.
     */
    private static final class Outsider {
        private final AzureEmulator azure;
        private final FederatedIdentityCredentialsClient client;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService writers = Executors.newCachedThreadPool();
        private final Thread thread;

        private Outsider(AzureEmulator azure) {
            this.azure = azure;
            SeededApplication login = azure.seed().servicePrincipalWithSecret("outsider");
            HttpClient http = new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder()
                    .sslContext(azure.clientSslContext())).build();
            client = MsiManager.configure().withHttpClient(http).authenticate(new ClientSecretCredentialBuilder()
                    .tenantId(azure.tenantId()).clientId(login.appId()).clientSecret(login.secret())
                    .authorityHost(azure.authorityHost()).disableInstanceDiscovery().httpClient(http).build(),
                    new AzureProfile(azure.tenantId(), azure.subscriptionId(),
                            new AzureEnvironment(azure.environmentEndpoints())))
                    .serviceClient().getFederatedIdentityCredentials();
            thread = new Thread(this::writeUntilStopped, "outsider");
            thread.setDaemon(true);
        }

        static Outsider start(AzureEmulator azure) {
            Outsider outsider = new Outsider(azure);
            outsider.thread.start();
            return outsider;
        }

        /**
         * From the apply's first credential write on (earlier, its probes would change what the plan read, and apply
         * would rightly refuse the plan as stale): a burst of 429s for the credential requests then under way, and on
         * every identity at once one write after another, each holding its identity, until the tool's writes met
         * enough 409s. (Rounds of writes with pauses between them let a whole credential phase slip through once.)
         */
        private void writeUntilStopped() {
            try {
                while (running.get() && toolWrites(r -> true) == 0) {
                    Thread.sleep(50);
                }
                azure.faults().throttleNext(4, RETRY_AFTER_SECONDS);
                writers.invokeAll(azure.state().identities().stream().map(identity -> (Callable<Void>) () -> {
                    for (boolean put = true; running.get() && toolWrites(r -> r.status() == 409) < CONFLICTS;
                         put = !put) {
                        write(identity, put);
                    }
                    return null;
                }).toList());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private long toolWrites(Predicate<RequestRecord> filter) {
            return azure.requestLog().matching(r -> ficWrite(r) && !PROBE.equalsIgnoreCase(ficName(r)))
                    .stream().filter(filter).count();
        }

        private void write(ManagedIdentity identity, boolean put) {
            try {
                if (put) {
                    client.createOrUpdate(identity.resourceGroup(), identity.name(), PROBE,
                            new FederatedIdentityCredentialInner().withIssuer("https://127.0.0.1/outsider")
                                    .withSubject("system:serviceaccount:outsider:probe")
                                    .withAudiences(List.of("api://AzureADTokenExchange")));
                } else {
                    client.delete(identity.resourceGroup(), identity.name(), PROBE);
                }
            } catch (RuntimeException refused) {
                // A 409 from the tool's own write, a fault, or an identity gone: the next round tries again.
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.interrupt();
            thread.join(60_000);
            writers.shutdownNow();
            // A write still under way would hold its identity and refuse the clean-up's deletes with 409.
            writers.awaitTermination(60, TimeUnit.SECONDS);
        }

        /** Faults are off by now: every probe goes, so the end state is the tool's alone. */
        void cleanUp() {
            for (ManagedIdentity identity : azure.state().identities()) {
                client.delete(identity.resourceGroup(), identity.name(), PROBE);
            }
        }
    }
}
