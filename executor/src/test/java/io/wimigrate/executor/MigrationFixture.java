package io.wimigrate.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.azure.emulator.RequestRecord;
import io.wimigrate.executor.azure.EmulatedAzure;
import io.wimigrate.executor.journal.ClusterJournal;
import io.wimigrate.executor.journal.FileJournal;
import io.wimigrate.executor.journal.JournalEntry;
import io.wimigrate.executor.journal.StepState;
import io.wimigrate.localcluster.LocalCluster;
import io.wimigrate.localcluster.TrustStores;
import io.wimigrate.planner.io.PlanCodec;
import io.wimigrate.planner.model.AnnotateServiceAccount;
import io.wimigrate.planner.model.BackupAndDeleteSecret;
import io.wimigrate.planner.model.CreateFederatedCredential;
import io.wimigrate.planner.model.CreateIdentity;
import io.wimigrate.planner.model.CreateServiceAccount;
import io.wimigrate.planner.model.LabelPodTemplate;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.RestartWorkload;
import io.wimigrate.planner.model.SetServiceAccountName;
import io.wimigrate.planner.model.Step;
import io.wimigrate.planner.model.Target;
import io.wimigrate.planner.model.VerifyWorkload;
import io.wimigrate.scanner.cluster.KubeconfigClients;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A small migration carried out with the real handlers, for fault tests: in a namespace of its own, {@code n}
 * Deployments running as {@code default}, each with a service-principal Secret; the plan creates an identity per
 * workload in the emulator, federates it, gives the workload its own annotated ServiceAccount and the webhook label
 * (phases 1 to 3), restarts and verifies it by a real token exchange (phase 4), and moves the Secret to its backup
 * (phase 6, cleanup). The executor talks to the cluster as the CLI does: a kubeconfig client with bounded retries.
 */
final class MigrationFixture implements AutoCloseable {

    static final List<String> ENV = List.of("AZURE_AUTHORITY_HOST", "AZURE_CLIENT_ID", "AZURE_FEDERATED_TOKEN_FILE",
            "AZURE_TENANT_ID");
    static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(60), Duration.ofSeconds(10),
            Duration.ofMillis(200));

    private static final Pattern RESTARTED_TIMES = Pattern.compile("^restarted \\S+ (\\d+) times ");

    /** Short, so a run that could not release its lease (the API server was down) holds it only briefly. */
    static final Duration LEASE = Duration.ofSeconds(10);

    final LocalCluster cluster;
    final KubernetesClient admin;
    final KubernetesClient client;
    final EmulatedAzure azure;
    final String namespace;
    final String toolNamespace;
    final Path planFile;
    final Plan plan;
    final List<String> workloads = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    private final Map<String, Long> initialGenerations = new LinkedHashMap<>();

    MigrationFixture(LocalCluster cluster, KubernetesClient admin, EmulatedAzure azure, Path work, int count) {
        this.cluster = cluster;
        this.admin = admin;
        this.azure = azure;
        azure.emulator.trustIssuers(TrustStores.sslContextFor(cluster.caCertificate()));
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        this.namespace = "fault-" + suffix;
        this.toolNamespace = "wimigrate-" + suffix;
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                .build()).create();
        TestPlans plans = new TestPlans(suffix);
        for (int i = 0; i < count; i++) {
            String name = "app-" + i;
            workloads.add(name);
            deploy(name);
            steps(name).forEach(plans::step);
        }
        awaitRunning();
        workloads.forEach(name -> initialGenerations.put(name, deployment(name).getMetadata().getGeneration()));
        this.planFile = plans.write(work, cluster, admin);
        this.plan = PlanCodec.read(planFile);
        this.client = KubeconfigClients.of(cluster.kubeconfig()).client(null);
    }

    Executor.Builder executor() {
        return executor(ExecutionListener.NONE);
    }

    Executor.Builder executor(ExecutionListener listener) {
        ExecutionListener noting = new ExecutionListener() {
            @Override
            public void started(Step step, boolean resumed) {
                listener.started(step, resumed);
            }

            @Override
            public void finished(Step step, StepState state, String detail) {
                synchronized (notes) {
                    notes.add(step.id() + " " + state + " " + detail);
                }
                listener.finished(step, state, detail);
            }

            @Override
            public void note(String line) {
                synchronized (notes) {
                    notes.add(line);
                }
            }
        };
        return Executor.builder(client).azure(azure.connection).planCheck(p -> List.of()).namespace(toolNamespace)
                .mirrorBeside(planFile).timeouts(TIMEOUTS).listener(noting).leaseDuration(LEASE);
    }

    RunOutcome apply() {
        return executor().build().apply(plan, ApplyOptions.all());
    }

    /**
     * Applies once the lease of an earlier run of this test has expired: a run that ends while the API server is down
     * cannot release it, and the next one is refused naming the holder until it expires, as for a crashed holder.
     */
    RunOutcome applyOnceTheLeaseExpires() {
        Instant deadline = Instant.now().plus(LEASE).plusSeconds(10);
        while (true) {
            try {
                return apply();
            } catch (LeaseHeldException e) {
                assertThat(Instant.now()).as(e.getMessage()).isBefore(deadline);
                sleep(Duration.ofMillis(500));
            }
        }
    }

    List<JournalEntry> journal() {
        return new ClusterJournal(admin, toolNamespace, plan.header().digest()).load();
    }

    List<JournalEntry> localJournal() {
        return FileJournal.beside(planFile, plan.header().digest()).load();
    }

    Map<String, StepState> latestStates() {
        return journal().stream().collect(Collectors.toMap(JournalEntry::step, JournalEntry::state, (a, b) -> b,
                TreeMap::new));
    }

    List<Step> steps(Class<? extends Step> type) {
        return plan.steps().stream().filter(type::isInstance).toList();
    }

    Deployment deployment(String name) {
        return admin.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    /**
     * Everything a completed run leaves, checked against the world itself: every step applied once in the journal
     * (in the cluster and, equal, on disk), each identity and credential created by exactly one successful PUT, each
     * pod template changed exactly {@code 2 + restarts} times (ServiceAccount, label, restarts) plus the restarts again
     * its journal names, pods injected (client id included), Secrets in backup.
     */
    void assertMigratedExactlyOnce(int restarts) {
        List<JournalEntry> journal = journal();
        assertThat(localJournal()).as("local mirror").isEqualTo(journal);
        for (Step step : plan.steps()) {
            List<StepState> states = journal.stream().filter(e -> e.step().equals(step.id()))
                    .map(JournalEntry::state).toList();
            assertThat(states).as(step.id() + " " + step.action()).last().isEqualTo(StepState.APPLIED);
            assertThat(states).as(step.id() + " applied once").filteredOn(StepState.APPLIED::equals).hasSize(1);
        }
        List<RequestRecord> puts = azure.emulator.requestLog().all().stream()
                .filter(r -> r.method().equals("PUT") && r.status() < 300 && r.path().contains("/rg-migrate/"))
                .toList();
        for (String name : workloads) {
            String identity = "/userAssignedIdentities/" + identityName(name);
            assertThat(puts).as("successful PUTs of " + identity).filteredOn(r -> r.path().endsWith(identity))
                    .hasSize(1);
            assertThat(puts).as("successful PUTs of its credential")
                    .filteredOn(r -> r.path().endsWith(identity + "/federatedIdentityCredentials/" + ficName(name)))
                    .hasSize(1);
            Deployment deployment = deployment(name);
            assertThat(deployment.getMetadata().getGeneration()).as(name + " template changes")
                    .isEqualTo(initialGenerations.get(name) + 2 + restarts + restartedAgain(journal, name));
            assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo(name);
            assertThat(admin.secrets().inNamespace(namespace).withName(secretName(name)).get()).isNull();
        }
        assertThat(admin.pods().inNamespace(namespace).list().getItems()).filteredOn(this::live)
                .allSatisfy(pod -> assertThat(pod.getSpec().getContainers().get(0).getEnv())
                        .extracting(e -> e.getName()).contains("AZURE_CLIENT_ID", "AZURE_FEDERATED_TOKEN_FILE"));
    }

    /**
     * How many more times than once the completing run's restart step restarted the workload, as its journal entry
     * says: it restarts again when the webhook admitted the first restart's pods without all of its changes.
     */
    private long restartedAgain(List<JournalEntry> journal, String name) {
        return journal.stream().filter(e -> e.state() == StepState.APPLIED && "restart-workload".equals(e.action())
                        && e.target().endsWith("/" + name)).map(e -> RESTARTED_TIMES.matcher(e.detail()))
                .filter(Matcher::find).mapToLong(m -> Long.parseLong(m.group(1)) - 1).sum();
    }

    /** Nothing of phase 6 (cleanup) ran: no journal entry, every Secret in place. */
    void assertNoCleanup() {
        assertThat(journal()).as("journal entries of phase 6").noneMatch(e -> e.phase() == 6);
        workloads.forEach(name -> assertThat(admin.secrets().inNamespace(namespace).withName(secretName(name)).get())
                .as(secretName(name)).isNotNull());
    }

    /** The journal never says applied for a step whose change is not in the world (checked for phase 3 and 6). */
    void assertNothingAppliedWithoutItsChange() {
        Map<String, StepState> states = latestStates();
        for (Step step : plan.steps()) {
            if (states.get(step.id()) != StepState.APPLIED) {
                continue;
            }
            String name = step.target().name();
            if (step instanceof SetServiceAccountName) {
                assertThat(deployment(name).getSpec().getTemplate().getSpec().getServiceAccountName())
                        .as(step.id()).isEqualTo(name);
            } else if (step instanceof LabelPodTemplate) {
                assertThat(deployment(name).getSpec().getTemplate().getMetadata().getLabels())
                        .as(step.id()).containsEntry("azure.workload.identity/use", "true");
            } else if (step instanceof CreateServiceAccount) {
                assertThat(admin.serviceAccounts().inNamespace(namespace).withName(name).get()).as(step.id())
                        .isNotNull();
            } else if (step instanceof BackupAndDeleteSecret) {
                assertThat(admin.secrets().inNamespace(namespace).withName(step.target().name()).get())
                        .as(step.id()).isNull();
            }
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        client.close();
        admin.namespaces().withName(namespace).delete();
        admin.namespaces().withName(toolNamespace).delete();
    }

    String identityName(String workload) {
        return "id-" + namespace + "-" + workload;
    }

    static String ficName(String workload) {
        return "fic-" + workload;
    }

    static String secretName(String workload) {
        return "sp-" + workload;
    }

    private List<Step> steps(String name) {
        Target identity = Target.identity(azure.emulator.subscriptionId(), EmulatedAzure.RESOURCE_GROUP,
                identityName(name));
        CreateIdentity create = new CreateIdentity(identity, new CreateIdentity.Desired("eastus", "sp"), "test");
        Target serviceAccount = Target.kube(TestPlans.CLUSTER, "v1", "ServiceAccount", namespace, name);
        Target deployment = Target.kube(TestPlans.CLUSTER, "apps/v1", "Deployment", namespace, name);
        return List.of(create,
                new CreateFederatedCredential(identity, new CreateFederatedCredential.Desired(ficName(name),
                        "$(Cluster/" + TestPlans.CLUSTER + ".oidcIssuer)",
                        "system:serviceaccount:" + namespace + ":" + name, CreateFederatedCredential.AUDIENCE), "test"),
                new CreateServiceAccount(serviceAccount, new CreateServiceAccount.Desired(new TreeMap<>()), false,
                        "test"),
                new AnnotateServiceAccount(serviceAccount, new AnnotateServiceAccount.Desired(new TreeMap<>(Map.of(
                        "azure.workload.identity/client-id", create.clientIdReference()))), false, "test"),
                new SetServiceAccountName(deployment, new SetServiceAccountName.Desired("spec.template.spec", name),
                        "default", false, "test"),
                new LabelPodTemplate(deployment, new LabelPodTemplate.Desired("spec.template.metadata",
                        new TreeMap<>(Map.of("azure.workload.identity/use", "true"))), false, "test"),
                new RestartWorkload(deployment, new RestartWorkload.Desired("rollout-restart"), "test"),
                new VerifyWorkload(deployment, new VerifyWorkload.Desired(name, List.of(create.clientIdReference()),
                        ENV), "test"),
                new BackupAndDeleteSecret(Target.kube(TestPlans.CLUSTER, "v1", "Secret", namespace, secretName(name)),
                        new BackupAndDeleteSecret.Desired("backup", "absent"), false, "test"));
    }

    private void deploy(String name) {
        admin.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata()
                .withName(secretName(name)).endMetadata().addToStringData("clientSecret", "not-a-real-secret-" + name)
                .build()).create();
        admin.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder().withNewMetadata()
                .withName(name).endMetadata().withNewSpec().withReplicas(1).withNewSelector()
                .addToMatchLabels("app", name).endSelector().withNewTemplate().withNewMetadata()
                .addToLabels("app", name).endMetadata().withNewSpec().addNewContainer().withName("app")
                .withImage("contoso/" + name + ":1.0").endContainer().endSpec().endTemplate().endSpec().build())
                .create();
    }

    private void awaitRunning() {
        Instant deadline = Instant.now().plusSeconds(60);
        for (String name : workloads) {
            while (admin.pods().inNamespace(namespace).withLabel("app", name).list().getItems().stream()
                    .filter(this::live).noneMatch(p -> "Running".equals(p.getStatus().getPhase()))) {
                assertThat(Instant.now()).as("a running pod of " + name).isBefore(deadline);
                sleep(Duration.ofMillis(300));
            }
        }
    }

    private boolean live(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null;
    }
}
