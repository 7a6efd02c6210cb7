package io.wimigrate.localcluster;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A real Kubernetes control plane on loopback: etcd, kube-apiserver (also the cluster's OIDC issuer, with its
 * discovery document and JWKS readable anonymously, as on AKS), kube-controller-manager, kube-scheduler, kwok for
 * nodes (so Deployments get ReplicaSets and Pods that become Running) and the upstream azure-workload-identity webhook
 * registered like its upstream MutatingWebhookConfiguration. Everything lives in a temporary directory, which is
 * deleted on close unless {@link #keepLogs()} was called.
 */
public final class LocalCluster implements AutoCloseable {

    /** The tenant the webhook injects as AZURE_TENANT_ID unless a ServiceAccount says otherwise. */
    public static final String TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    /** The upstream webhook's server port: it offers no flag to change it. */
    public static final int WEBHOOK_PORT = 9443;
    public static final String WEBHOOK_CONFIGURATION = "azure-wi-webhook-mutating-webhook-configuration";
    public static final String WEBHOOK_NAMESPACE = "azure-workload-identity-system";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    private static final int NODES = 2;

    private final Path dir;
    private final ProcessGroup processes;
    private final Pki pki;
    private final int apiServerPort;
    private final Path kubeconfig;
    private final WebhookPortLock portLock;
    private KubernetesClient client;
    private boolean keepLogs;
    private boolean auditLog;
    private int etcdPort;
    private List<String> apiServerCommand;
    private Process apiServer;
    private EtcdLatencyProxy etcdProxy;
    private List<String> webhookCommand;
    private Map<String, String> webhookEnvironment;
    private URI webhookReadiness;
    private Process webhook;

    private LocalCluster(Path dir, WebhookPortLock portLock) {
        this.dir = dir;
        this.portLock = portLock;
        this.processes = new ProcessGroup(dir);
        this.pki = Pki.create(dir.resolve("pki"));
        this.apiServerPort = freePort();
        this.kubeconfig = dir.resolve("kubeconfig");
    }

    /** Starts a cluster with the binaries of {@code tools/localcluster/build}; blocks until it is ready. */
    public static LocalCluster start() {
        return start(false);
    }

    /**
     * Starts a cluster whose API server also writes an audit log to {@link #auditLog()}: one JSON line per completed
     * request (metadata only: user, user agent, verb, resource, status), for benchmarks that count requests.
     */
    public static LocalCluster startWithAuditLog() {
        return start(true);
    }

    private static LocalCluster start(boolean auditLog) {
        ClusterBinaries binaries = ClusterBinaries.locate();
        WebhookPortLock portLock = WebhookPortLock.acquire();
        Path dir;
        try {
            dir = Files.createTempDirectory("wimigrate-cluster-");
        } catch (IOException e) {
            portLock.close();
            throw new UncheckedIOException(e);
        }
        LocalCluster cluster = new LocalCluster(dir, portLock);
        cluster.auditLog = auditLog;
        try {
            cluster.boot(binaries);
            return cluster;
        } catch (RuntimeException e) {
            cluster.keepLogs();
            cluster.close();
            throw new IllegalStateException("local cluster failed to start; logs kept in " + dir, e);
        }
    }

    public String serverUrl() {
        return "https://127.0.0.1:" + apiServerPort;
    }

    /** The service-account issuer: tokens carry it as {@code iss}; its discovery document is served anonymously. */
    public String issuerUrl() {
        return serverUrl();
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    /** The cluster CA, which also signs the API server's serving certificate. */
    public Path caCertificate() {
        return pki.caFile();
    }

    public KubernetesClient client() {
        return client;
    }

    /** The API server's audit log; written only by a cluster from {@link #startWithAuditLog()}. */
    public Path auditLog() {
        return dir.resolve("audit.log");
    }

    public Path directory() {
        return dir;
    }

    /** Keeps the temporary directory (logs, kubeconfig, certificates) after close, for a failed test to be read. */
    public void keepLogs() {
        keepLogs = true;
    }

    /**
     * Stops kube-apiserver (SIGTERM, as on a control-plane upgrade or a crash-looping node) and returns once it has
     * exited; etcd and everything else keep running. {@link #startApiServer()} brings it back on the same port.
     */
    public synchronized void stopApiServer() {
        if (apiServer != null) {
            processes.stop(apiServer);
            apiServer = null;
        }
    }

    /** Starts kube-apiserver again, with the same port, certificates and etcd; blocks until it is ready. */
    public synchronized void startApiServer() {
        if (apiServer == null) {
            apiServer = processes.start("kube-apiserver", apiServerCommand, Map.of());
        }
        await("kube-apiserver ready", () -> ready("/readyz"));
    }

    /**
     * Delays every request kube-apiserver sends to etcd by {@code latency} (responses and watch events are not
     * delayed), as a slow disk delays etcd's writes. The first call puts a loopback proxy between the two and restarts
     * kube-apiserver through it; {@link Duration#ZERO} removes the delay but keeps the proxy.
     */
    public synchronized void etcdLatency(Duration latency) {
        if (etcdProxy == null) {
            etcdProxy = EtcdLatencyProxy.start(etcdPort);
            stopApiServer();
            apiServerCommand = apiServerCommand.stream().map(arg -> arg.startsWith("--etcd-servers=")
                    ? "--etcd-servers=http://127.0.0.1:" + etcdProxy.port() : arg).toList();
            startApiServer();
        }
        etcdProxy.latency(latency);
    }

    /** Stops the workload-identity webhook; its MutatingWebhookConfiguration stays, so admission calls fail. */
    public synchronized void stopWebhook() {
        if (webhook != null) {
            processes.stop(webhook);
            webhook = null;
        }
    }

    /** Starts the webhook again on its port; blocks until it is ready. */
    public synchronized void startWebhook() {
        if (webhook == null) {
            webhook = processes.start("webhook", webhookCommand, webhookEnvironment);
        }
        awaitWebhookReady();
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        processes.close();
        if (etcdProxy != null) {
            etcdProxy.close();
        }
        portLock.close();
        if (keepLogs) {
            System.err.println("local cluster: logs kept in " + dir);
        } else {
            deleteRecursively(dir);
        }
    }

    private void boot(ClusterBinaries bin) {
        Instant start = Instant.now();
        etcdPort = freePort();
        startEtcd(bin, etcdPort);
        Pki.Issued serving = pki.server("apiserver", "kube-apiserver", "kubernetes", "kubernetes.default.svc");
        Pki.Issued admin = pki.client("admin", "wimigrate-admin", "system:masters");
        Pki.Issued signing = pki.signingKeys("service-account");
        writeKubeconfig(admin);
        apiServerCommand = apiServerCommand(bin, etcdPort, serving, signing);
        client = new KubernetesClientBuilder().withConfig(clientConfig(admin)).build();
        startApiServer();
        String kubeconfigArg = "--kubeconfig=" + kubeconfig;
        processes.start("kube-controller-manager", List.of(bin.path("kube-controller-manager").toString(),
                kubeconfigArg, "--authentication-kubeconfig=" + kubeconfig,
                "--authorization-kubeconfig=" + kubeconfig, "--bind-address=127.0.0.1", "--secure-port=" + freePort(),
                "--leader-elect=false", "--service-account-private-key-file=" + signing.key(),
                "--root-ca-file=" + pki.caFile(), "--use-service-account-credentials=false",
                "--controllers=*,-nodeipam,-bootstrapsigner,-tokencleaner"), Map.of());
        processes.start("kube-scheduler", List.of(bin.path("kube-scheduler").toString(), kubeconfigArg,
                "--authentication-kubeconfig=" + kubeconfig, "--authorization-kubeconfig=" + kubeconfig,
                "--bind-address=127.0.0.1", "--secure-port=" + freePort(), "--leader-elect=false"), Map.of());
        // Fake node and pod IPs on loopback, so nothing can ever be sent to another address through them.
        processes.start("kwok", List.of(bin.path("kwok").toString(), kubeconfigArg, "--manage-all-nodes=true",
                "--node-ip=127.0.0.1", "--cidr=127.1.0.0/16", "--server-address=127.0.0.1:" + freePort(),
                "--config=" + kwokStages(bin)), Map.of());
        allowAnonymousIssuerDiscovery();
        createNodes();
        startWebhook(bin);
        await("default ServiceAccount", () -> client.serviceAccounts().inNamespace("default")
                .withName("default").get() != null);
        System.err.printf("local cluster: ready at %s in %d s%n", serverUrl(),
                Duration.between(start, Instant.now()).toSeconds());
    }

    /** kwok's own lifecycle stages for its release, installed beside the binary by the build script. */
    private Path kwokStages(ClusterBinaries bin) {
        Path config = dir.resolve("kwok-stages.yaml");
        try (Stream<Path> stages = Files.list(bin.path("kwok-stages"))) {
            StringBuilder text = new StringBuilder();
            for (Path stage : stages.sorted().toList()) {
                text.append("---\n").append(Files.readString(stage)).append('\n');
            }
            Files.writeString(config, text);
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kwok stages in " + bin.path("kwok-stages"), e);
        }
    }

    private void startEtcd(ClusterBinaries bin, int clientPort) {
        int peerPort = freePort();
        String clientUrl = "http://127.0.0.1:" + clientPort;
        String peerUrl = "http://127.0.0.1:" + peerPort;
        processes.start("etcd", List.of(bin.path("etcd").toString(), "--data-dir=" + dir.resolve("etcd"),
                "--listen-client-urls=" + clientUrl, "--advertise-client-urls=" + clientUrl,
                "--listen-peer-urls=" + peerUrl, "--initial-advertise-peer-urls=" + peerUrl,
                "--initial-cluster=default=" + peerUrl, "--unsafe-no-fsync=true", "--log-level=warn"), Map.of());
        HttpClient http = HttpClient.newHttpClient();
        await("etcd healthy", () -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(clientUrl + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    private List<String> apiServerCommand(ClusterBinaries bin, int etcdPort, Pki.Issued serving,
                                          Pki.Issued signing) {
        List<String> command = new ArrayList<>(List.of(bin.path("kube-apiserver").toString(),
                "--etcd-servers=http://127.0.0.1:" + etcdPort,
                "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1", "--secure-port=" + apiServerPort,
                "--endpoint-reconciler-type=none",
                "--tls-cert-file=" + serving.certificate(), "--tls-private-key-file=" + serving.key(),
                "--client-ca-file=" + pki.caFile(),
                "--service-account-issuer=" + issuerUrl(),
                "--service-account-key-file=" + signing.certificate(),
                "--service-account-signing-key-file=" + signing.key(),
                "--service-account-jwks-uri=" + issuerUrl() + "/openid/v1/jwks",
                "--authorization-mode=Node,RBAC", "--allow-privileged=true",
                "--service-cluster-ip-range=10.96.0.0/16", "--cert-dir=" + dir.resolve("apiserver-certs"),
                "--profiling=false"));
        if (auditLog) {
            command.addAll(auditFlags());
        }
        return List.copyOf(command);
    }

    private List<String> auditFlags() {
        Path policy = dir.resolve("audit-policy.yaml");
        try {
            Files.writeString(policy, """
                    apiVersion: audit.k8s.io/v1
                    kind: Policy
                    omitStages: ["RequestReceived"]
                    rules:
                    - level: Metadata
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of("--audit-policy-file=" + policy, "--audit-log-path=" + auditLog(),
                "--audit-log-format=json", "--audit-log-mode=blocking");
    }

    private void startWebhook(ClusterBinaries bin) {
        Path certDir = dir.resolve("webhook-certs");
        Pki.Issued serving = pki.server("webhook", "azure-wi-webhook");
        try {
            Files.createDirectories(certDir);
            Files.copy(serving.certificate(), certDir.resolve("tls.crt"));
            Files.copy(serving.key(), certDir.resolve("tls.key"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!portFree(WEBHOOK_PORT)) {
            throw new IllegalStateException("port " + WEBHOOK_PORT + " is taken: the upstream webhook cannot listen"
                    + " elsewhere; is another local cluster running?");
        }
        int healthPort = freePort();
        webhookReadiness = URI.create("http://127.0.0.1:" + healthPort + "/readyz");
        webhookCommand = List.of(bin.path("azure-wi-webhook").toString(), "--webhook-cert-dir=" + certDir,
                "--disable-cert-rotation", "--health-addr=127.0.0.1:" + healthPort,
                "--metrics-addr=127.0.0.1:" + freePort(), "--log-level=info");
        webhookEnvironment = Map.of(
                "KUBECONFIG", kubeconfig.toString(),
                "AZURE_TENANT_ID", TENANT_ID,
                "POD_NAMESPACE", WEBHOOK_NAMESPACE,
                "PROXY_IMAGE", "mcr.microsoft.com/oss/azure/workload-identity/proxy:v1.6.0",
                "PROXY_INIT_IMAGE", "mcr.microsoft.com/oss/azure/workload-identity/proxy-init:v1.6.0");
        startWebhook();
        client.admissionRegistration().v1().mutatingWebhookConfigurations().resource(
                new MutatingWebhookConfigurationBuilder()
                        .withNewMetadata().withName(WEBHOOK_CONFIGURATION)
                        .addToLabels("azure-workload-identity.io/system", "true").endMetadata()
                        .addNewWebhook()
                        .withName("mutation.azure-workload-identity.io")
                        .withAdmissionReviewVersions("v1", "v1beta1")
                        .withNewClientConfig()
                        .withUrl("https://127.0.0.1:" + WEBHOOK_PORT + "/mutate-v1-pod")
                        .withCaBundle(Base64.getEncoder().encodeToString(readBytes(pki.caFile())))
                        .endClientConfig()
                        .withFailurePolicy("Fail")
                        .withMatchPolicy("Equivalent")
                        .withNewObjectSelector().addToMatchLabels("azure.workload.identity/use", "true")
                        .endObjectSelector()
                        .withReinvocationPolicy("IfNeeded")
                        .addNewRule().withApiGroups("").withApiVersions("v1").withOperations("CREATE")
                        .withResources("pods").endRule()
                        .withSideEffects("None")
                        .endWebhook()
                        .build())
                .serverSideApply();
    }

    private void awaitWebhookReady() {
        HttpClient http = HttpClient.newHttpClient();
        await("workload-identity webhook ready", () -> {
            try {
                return http.send(HttpRequest.newBuilder(webhookReadiness).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    /** As on AKS: anyone may read the issuer's discovery document and JWKS. */
    private void allowAnonymousIssuerDiscovery() {
        client.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder()
                .withNewMetadata().withName("wimigrate-anonymous-oidc-discovery").endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole")
                .withName("system:service-account-issuer-discovery").endRoleRef()
                .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("Group")
                .withName("system:unauthenticated").endSubject()
                .build()).serverSideApply();
    }

    private void createNodes() {
        for (int i = 0; i < NODES; i++) {
            String name = "kwok-node-" + i;
            Map<String, Quantity> resources = Map.of("cpu", new Quantity("32"), "memory", new Quantity("256Gi"),
                    "pods", new Quantity("110"));
            client.nodes().resource(new NodeBuilder()
                    .withNewMetadata().withName(name)
                    .addToAnnotations("kwok.x-k8s.io/node", "fake")
                    .addToLabels("kubernetes.io/hostname", name).addToLabels("kubernetes.io/os", "linux")
                    .addToLabels("kubernetes.io/arch", "amd64").addToLabels("type", "kwok")
                    .endMetadata()
                    .withNewStatus().withAllocatable(resources).withCapacity(resources)
                    .withNewNodeInfo().withArchitecture("amd64").withOperatingSystem("linux")
                    .withKubeletVersion("fake").withKubeProxyVersion("fake").endNodeInfo()
                    .endStatus()
                    .build()).create();
        }
        await("kwok nodes Ready", () -> client.nodes().list().getItems().stream()
                .filter(node -> node.getStatus() != null && node.getStatus().getConditions() != null)
                .filter(node -> node.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
                .count() == NODES);
    }

    private boolean ready(String path) {
        try {
            return "ok".equals(client.raw(serverUrl() + path));
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    private Config clientConfig(Pki.Issued admin) {
        return new ConfigBuilder(Config.empty())
                .withMasterUrl(serverUrl())
                .withCaCertFile(pki.caFile().toString())
                .withClientCertFile(admin.certificate().toString())
                .withClientKeyFile(admin.key().toString())
                .withRequestRetryBackoffLimit(0)
                .build();
    }

    private void writeKubeconfig(Pki.Issued admin) {
        String text = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: wimigrate-local
                  cluster:
                    server: %s
                    certificate-authority: %s
                users:
                - name: wimigrate-admin
                  user:
                    client-certificate: %s
                    client-key: %s
                contexts:
                - name: wimigrate-local
                  context:
                    cluster: wimigrate-local
                    user: wimigrate-admin
                current-context: wimigrate-local
                """.formatted(serverUrl(), pki.caFile(), admin.certificate(), admin.key());
        try {
            Files.writeString(kubeconfig, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("timed out after " + STARTUP_TIMEOUT.toSeconds()
                        + " s waiting for " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what, e);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return socket.getLocalPort() == port;
        } catch (IOException taken) {
            return false;
        }
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("local cluster: could not delete " + root + ": " + e.getMessage());
        }
    }
}
