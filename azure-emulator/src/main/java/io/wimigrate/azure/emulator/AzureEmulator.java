package io.wimigrate.azure.emulator;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * An in-process Azure for tests and the demo: ARM managed identities and their federated credentials, role
 * definitions and assignments, the Graph calls for apps and service principals, and Entra's token endpoint, served
 * over HTTPS on 127.0.0.1 with a certificate made at start. The Azure SDK reaches it through an
 * {@code AzureEnvironment} built from {@link #environmentEndpoints()}.
 */
public final class AzureEmulator implements AutoCloseable {

    static {
        // The JDK's HTTP server leaves Nagle's algorithm on: a response's headers and body, written apart, then wait
        // for the client's delayed ACK, tens of milliseconds per request that ARM does not cost. Read once per JVM,
        // by the first server made; a value set by whoever runs the JVM stays.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpsServer server;
    private final ExecutorService executor;
    private final LoopbackTls tls;
    private final Path workDir;
    private final boolean ownsWorkDir;
    private final String baseUrl;
    private final List<String> subscriptionIds;
    private final AzureState state;
    private final FaultKnobs faults = new FaultKnobs();
    private final RequestLog requestLog = new RequestLog();
    private final IssuerKeys issuerKeys;
    private final Seeder seeder;

    private AzureEmulator(Builder builder) throws IOException {
        ownsWorkDir = builder.workDir == null;
        workDir = ownsWorkDir ? Files.createTempDirectory("azure-emulator") : builder.workDir;
        tls = LoopbackTls.generate(workDir.resolve("tls"));
        subscriptionIds = List.copyOf(builder.subscriptionIds);
        state = new AzureState(builder.tenantId, Set.copyOf(subscriptionIds));
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
        baseUrl = "https://127.0.0.1:" + server.getAddress().getPort();
        AccessTokens tokens = new AccessTokens(baseUrl + "/" + builder.tenantId + "/v2.0");
        issuerKeys = new IssuerKeys(builder.issuerTrust);
        seeder = new Seeder(state, subscriptionIds.get(0));
        Set<String> resources = Set.of(baseUrl);
        List<Route> routes = new ArrayList<>();
        routes.add(new FederatedIdentityCredentialHandler(state, faults).route());
        routes.addAll(new UserAssignedIdentityHandler(state).routes());
        routes.add(new RoleAssignmentHandler(state, faults).route());
        routes.add(new RoleDefinitionHandler(state).route());
        routes.addAll(new GraphServicePrincipalHandler(state, baseUrl).routes());
        routes.addAll(new GraphApplicationHandler(state, baseUrl).routes());
        routes.add(new TokenEndpointHandler(state, tokens, new ClientAssertionValidator(issuerKeys, faults),
                resources, baseUrl).route());
        routes.addAll(new OpenIdMetadataHandler(state, tokens, baseUrl).routes());
        server.createContext("/", new RequestDispatcher(routes, faults, requestLog, tokens, resources, resources));
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "azure-emulator-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** An emulator with a random tenant, one random subscription, trusting the JDK's default CAs for issuers. */
    public static AzureEmulator start() {
        return builder().start();
    }

    /** {@code https://127.0.0.1:<port>}, without a trailing slash; also the authority host. */
    public String baseUrl() {
        return baseUrl;
    }

    public String authorityHost() {
        return baseUrl;
    }

    public String tenantId() {
        return state.tenantId();
    }

    /** The first (default) subscription. */
    public String subscriptionId() {
        return subscriptionIds.get(0);
    }

    public List<String> subscriptionIds() {
        return subscriptionIds;
    }

    /**
     * The keys {@code new AzureEnvironment(Map)} needs, all pointing at the emulator: resourceManagerEndpointUrl,
     * managementEndpointUrl, activeDirectoryEndpointUrl, activeDirectoryResourceId, microsoftGraphResourceId,
     * activeDirectoryGraphResourceId.
     */
    public Map<String, String> environmentEndpoints() {
        String url = baseUrl + "/";
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("resourceManagerEndpointUrl", url);
        endpoints.put("managementEndpointUrl", url);
        endpoints.put("activeDirectoryEndpointUrl", url);
        endpoints.put("activeDirectoryResourceId", url);
        endpoints.put("microsoftGraphResourceId", url);
        endpoints.put("activeDirectoryGraphResourceId", url);
        return Map.copyOf(endpoints);
    }

    /** PKCS12 trust store holding only the emulator's certificate. */
    public Path trustStoreFile() {
        return tls.trustStoreFile();
    }

    public String trustStorePassword() {
        return tls.trustStorePassword();
    }

    public X509Certificate certificate() {
        return tls.certificate();
    }

    /** An SSLContext trusting only the emulator, for the SDK's HTTP client. */
    public SSLContext clientSslContext() {
        return tls.clientContext();
    }

    /** Which CAs the emulator trusts when it fetches a workload issuer's discovery document and JWKS. */
    public void trustIssuers(SSLContext trust) {
        issuerKeys.trust(trust);
    }

    public AzureState state() {
        return state;
    }

    public FaultKnobs faults() {
        return faults;
    }

    public RequestLog requestLog() {
        return requestLog;
    }

    public Seeder seed() {
        return seeder;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        if (ownsWorkDir) {
            deleteRecursively(workDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final class Builder {
        private String tenantId = UUID.randomUUID().toString();
        private List<String> subscriptionIds = List.of(UUID.randomUUID().toString());
        private SSLContext issuerTrust;
        private Path workDir;

        private Builder() {
            try {
                issuerTrust = SSLContext.getDefault();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        public Builder tenantId(String value) {
            tenantId = value;
            return this;
        }

        /** The first one is the default subscription. */
        public Builder subscriptionIds(String... values) {
            if (values.length == 0) {
                throw new IllegalArgumentException("at least one subscription");
            }
            subscriptionIds = List.of(values);
            return this;
        }

        /** Trust for fetching workload issuers' OIDC documents (e.g. the local kube-apiserver's CA). */
        public Builder issuerTrust(SSLContext value) {
            issuerTrust = value;
            return this;
        }

        /** Where the TLS material goes; by default a temp dir removed on close. */
        public Builder workDir(Path value) {
            workDir = value;
            return this;
        }

        public AzureEmulator start() {
            try {
                return new AzureEmulator(this);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
