package io.wimigrate.cli;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.azure.emulator.AzureEmulator;
import io.wimigrate.azure.emulator.InventorySeeder;
import io.wimigrate.azure.emulator.SeededApplication;
import io.wimigrate.localcluster.DumpSeeder;
import io.wimigrate.localcluster.LocalCluster;
import io.wimigrate.localcluster.TrustStores;
import io.wimigrate.planner.model.ApplyRepoPatch;
import io.wimigrate.planner.model.ManualAction;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.scanner.FileTrees;
import io.wimigrate.scanner.Progress;
import io.wimigrate.scanner.cluster.ClusterScanner;
import io.wimigrate.scanner.model.AzureIdentity;
import io.wimigrate.scanner.model.ClusterInventory;
import io.wimigrate.scanner.report.InventoryCodec;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The world the demo migrates: a local Kubernetes control plane seeded with the example cluster, and the Azure
 * emulator seeded with the example's identities, service principals and role assignments, trusting the cluster's
 * OIDC issuer. The operator is a service principal of the emulator; its secret only ever goes into the environment
 * of the {@code migrate} processes the demo runs.
 */
final class DemoWorld implements AutoCloseable {

    /** Where new identities go: the example's issuer is an AKS one in eastus; the local cluster's says nothing. */
    static final String LOCATION = "eastus";

    private final LocalCluster cluster;
    private final AzureEmulator azure;
    private final SeededApplication operator;
    private final Path endpoints;
    private final Path repo;

    private DemoWorld(LocalCluster cluster, AzureEmulator azure, SeededApplication operator, Path endpoints,
                      Path repo) {
        this.cluster = cluster;
        this.azure = azure;
        this.operator = operator;
        this.endpoints = endpoints;
        this.repo = repo;
    }

    static DemoWorld start(Path examples, Path dir, PrintStream out) {
        return start(examples, dir, out, false);
    }

    /** With {@code auditLog}, the API server logs every request ({@link LocalCluster#startWithAuditLog()}). */
    static DemoWorld start(Path examples, Path dir, PrintStream out, boolean auditLog) {
        ClusterInventory example = new ClusterScanner().scanDump(examples.resolve("cluster"), "examples/cluster",
                false, Progress.NONE).value();
        out.println("Starting a local Kubernetes control plane (kube-apiserver, etcd, kwok nodes, the"
                + " azure-workload-identity webhook) ...");
        LocalCluster cluster = auditLog ? LocalCluster.startWithAuditLog() : LocalCluster.start();
        AzureEmulator azure = null;
        try {
            out.println("Seeding it with " + examples.resolve("cluster") + " (AAD Pod Identity, bound workloads,"
                    + " service-principal Secrets) ...");
            DumpSeeder.seed(cluster.client(), examples.resolve("cluster"));
            awaitWorkloads(cluster.client());
            out.println("Starting the Azure emulator with the example's identities and role assignments ...");
            azure = AzureEmulator.builder().tenantId(tenantOf(example)).subscriptionIds(subscriptionOf(example))
                    .issuerTrust(TrustStores.sslContextFor(cluster.caCertificate())).start();
            InventorySeeder.seed(azure, example, examples.resolve("azure/role-assignments.yaml"), LOCATION);
            SeededApplication operator = azure.seed().servicePrincipalWithSecret("platform-team");
            Path endpoints = dir.resolve("azure-endpoints.json");
            Files.createDirectories(dir);
            Files.copy(cluster.kubeconfig(), dir.resolve("kubeconfig"));
            Files.writeString(endpoints, InventoryCodec.toJson(azure.environmentEndpoints()));
            Path repo = dir.resolve("repo");
            FileTrees.copy(examples.resolve("repo"), repo);
            return new DemoWorld(cluster, azure, operator, endpoints, repo);
        } catch (IOException e) {
            close(cluster, azure);
            throw new UncheckedIOException("cannot write to " + dir, e);
        } catch (RuntimeException e) {
            close(cluster, azure);
            throw e;
        }
    }

    /** A copy of the example repository, which the demo's rewrite changes. */
    Path repo() {
        return repo;
    }

    /**
     * What apply needs here beyond the plan: the GitOps-owned example workload is patched live (the demo has no Helm
     * or Argo CD to deploy the repository patch), and the manual steps count as done (the repository copy is
     * rewritten before apply; there is no real Entra ID to revoke secrets in).
     */
    static List<String> applyOptions(Plan plan) {
        List<String> options = new ArrayList<>(List.of("--yes", "--patch-gitops-live"));
        plan.steps().stream().filter(step -> step instanceof ManualAction || step instanceof ApplyRepoPatch)
                .forEach(step -> options.addAll(List.of("--ack-manual", step.id())));
        return options;
    }

    /** Command-line options that point {@code migrate} at this world's Azure. */
    List<String> azureOptions() {
        return List.of("--azure-endpoints", endpoints.toString());
    }

    /**
     * {@code migrate <args>} as its own process, as an operator would run it: it trusts the emulator's certificate
     * (the cluster's CA comes with the kubeconfig) and finds the operator's login in its environment.
     */
    ProcessBuilder migrate(Path workingDirectory, List<String> args) {
        return java(workingDirectory, List.of(), Migrate.class, args);
    }

    /**
     * As {@link #migrate}, for another main class of this class path (a test's stand-in for {@code migrate}), with
     * {@code jvmOptions}.
     */
    ProcessBuilder java(Path workingDirectory, List<String> jvmOptions, Class<?> main, List<String> args) {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Djavax.net.ssl.trustStore=" + azure.trustStoreFile(),
                "-Djavax.net.ssl.trustStorePassword=" + azure.trustStorePassword()));
        line.addAll(jvmOptions);
        line.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        line.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(line).directory(workingDirectory.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(Map.of("AZURE_CLIENT_ID", operator.appId(),
                "AZURE_CLIENT_SECRET", operator.secret(), "AZURE_TENANT_ID", azure.tenantId()));
        return builder;
    }

    KubernetesClient kube() {
        return cluster.client();
    }

    LocalCluster cluster() {
        return cluster;
    }

    AzureEmulator azure() {
        return azure;
    }

    /** The operator's secret, which only the environment of {@link #migrate} processes may hold. */
    String operatorSecret() {
        return operator.secret();
    }

    /** The cluster's OIDC issuer, which its federated credentials name. */
    String issuer() {
        return cluster.issuerUrl();
    }

    @Override
    public void close() {
        close(cluster, azure);
    }

    private static void close(LocalCluster cluster, AzureEmulator azure) {
        if (azure != null) {
            azure.close();
        }
        cluster.close();
    }

    /** The plan reads resourceVersions: let the controllers settle first, or the plan is stale at once. */
    static void awaitWorkloads(KubernetesClient kube) {
        for (Deployment deployment : kube.apps().deployments().inAnyNamespace().list().getItems()) {
            kube.apps().deployments().resource(deployment).waitUntilCondition(d -> d.getStatus() != null
                    && d.getMetadata().getGeneration().equals(d.getStatus().getObservedGeneration())
                    && d.getSpec().getReplicas().equals(d.getStatus().getReadyReplicas()), 2, TimeUnit.MINUTES);
        }
        for (StatefulSet set : kube.apps().statefulSets().inAnyNamespace().list().getItems()) {
            kube.apps().statefulSets().resource(set).waitUntilCondition(s -> s.getStatus() != null
                    && s.getMetadata().getGeneration().equals(s.getStatus().getObservedGeneration())
                    && s.getSpec().getReplicas().equals(s.getStatus().getReadyReplicas()), 2, TimeUnit.MINUTES);
        }
        for (DaemonSet set : kube.apps().daemonSets().inAnyNamespace().list().getItems()) {
            kube.apps().daemonSets().resource(set).waitUntilCondition(d -> d.getStatus() != null
                    && d.getMetadata().getGeneration().equals(d.getStatus().getObservedGeneration())
                    && d.getStatus().getDesiredNumberScheduled().equals(d.getStatus().getNumberReady()), 2,
                    TimeUnit.MINUTES);
        }
    }

    private static String tenantOf(ClusterInventory example) {
        return example.azureIdentities().stream().map(AzureIdentity::tenantId).filter(t -> t != null).findFirst()
                .orElseThrow(() -> new IllegalStateException("the example names no tenant"));
    }

    private static String subscriptionOf(ClusterInventory example) {
        return example.azureIdentities().stream().map(AzureIdentity::resourceId).filter(id -> id != null)
                .findFirst().orElseThrow(() -> new IllegalStateException("the example names no subscription"))
                .split("/")[2];
    }
}
