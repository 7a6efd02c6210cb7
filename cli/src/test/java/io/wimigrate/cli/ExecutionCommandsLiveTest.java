package io.wimigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.executor.ApplyLease;
import io.wimigrate.executor.ToolNamespace;
import io.wimigrate.executor.journal.ClusterJournal;
import io.wimigrate.executor.journal.JournalEntry;
import io.wimigrate.executor.journal.StepState;
import io.wimigrate.localcluster.LocalCluster;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.planner.io.PlanCodec;
import io.wimigrate.planner.model.CheckPreflight;
import io.wimigrate.planner.model.ManualAction;
import io.wimigrate.planner.model.Phase;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.PlanHeader;
import io.wimigrate.planner.model.Step;
import io.wimigrate.planner.model.Target;
import io.wimigrate.scanner.report.InventoryCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate apply}, {@code status} and {@code rollback} on the local cluster, on what the command decides before
 * any handler runs: refusals and their exit codes, the lease, and status read from a journal in the cluster. Azure is
 * pointed at a closed loopback port: none of these may reach it.
 */
@Tag("live-cluster")
@ExtendWith(LocalClusterExtension.class)
class ExecutionCommandsLiveTest {

    @TempDir
    Path work;

    private LocalCluster cluster;
    private KubernetesClient client;
    private String kubeSystemUid;
    private Path endpoints;

    @BeforeEach
    void setUp(LocalCluster cluster, KubernetesClient client) throws Exception {
        this.cluster = cluster;
        this.client = client;
        this.kubeSystemUid = client.namespaces().withName("kube-system").get().getMetadata().getUid();
        endpoints = work.resolve("endpoints.json");
        Files.writeString(endpoints, InventoryCodec.toJson(Map.of("resourceManagerEndpointUrl", "https://127.0.0.1:9/",
                "managementEndpointUrl", "https://127.0.0.1:9/", "activeDirectoryEndpointUrl", "https://127.0.0.1:9/",
                "activeDirectoryResourceId", "https://127.0.0.1:9/", "microsoftGraphResourceId", "https://127.0.0.1:9/",
                "activeDirectoryGraphResourceId", "https://127.0.0.1:9/")));
    }

    @Test
    void aPlanForAnotherClusterOrMadeOfflineIsRefusedWithExitCode3() throws Exception {
        Path other = plan("other", "99999999-0000-0000-0000-000000000000", true);
        Cli refused = migrate("apply", other.toString(), "--yes");
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(3);
        assertThat(refused.err()).contains("another cluster", "99999999-0000-0000-0000-000000000000", kubeSystemUid);

        Cli offline = migrate("apply", plan("offline", kubeSystemUid, false).toString(), "--yes");
        assertThat(offline.exitCode()).as(offline.err()).isEqualTo(3);
        assertThat(offline.err()).contains("plan again online");
    }

    @Test
    void withoutATerminalApplyAndRollbackNeedYes() throws Exception {
        Path file = plan("confirm", kubeSystemUid, true);
        for (String command : List.of("apply", "rollback")) {
            Cli result = migrate(command, file.toString());
            assertThat(result.exitCode()).as(command).isEqualTo(ExitCode.USAGE);
            assertThat(result.err()).contains("stdin is not a terminal: pass --yes");
        }
    }

    @Test
    void aSecondApplyIsRefusedNamingTheLeaseHolder() throws Exception {
        Path file = plan("lease", kubeSystemUid, true);
        try (ApplyLease held = ApplyLease.acquire(client, ToolNamespace.NAME, "alice@laptop pid 42",
                Duration.ofSeconds(60), Clock.systemUTC())) {
            Cli result = migrate("apply", file.toString(), "--yes");
            assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCode.FAILURE);
            assertThat(result.err()).contains("alice@laptop pid 42", "until");
        }
    }

    @Test
    void statusPrintsEachPhaseAndStepFromTheJournalAndRollbackUndoesOnlyWhatStarted() throws Exception {
        Path file = plan("status", kubeSystemUid, true);
        Plan plan = PlanCodec.read(file);
        Step check = plan.steps().get(0);
        Step manual = plan.steps().get(1);
        ClusterJournal journal = new ClusterJournal(client, ToolNamespace.NAME, plan.header().digest());
        journal.append(new JournalEntry(check.id(), check.action(), 0, check.target().display(), StepState.STARTED,
                JsonNodeFactory.instance.objectNode(), null, null, null, "2026-01-01T00:00:00Z", "me"));
        journal.append(new JournalEntry(check.id(), check.action(), 0, check.target().display(), StepState.APPLIED,
                null, null, false, "issuer enabled", "2026-01-01T00:00:01Z", "me"));
        journal.append(new JournalEntry(manual.id(), manual.action(), 3, manual.target().display(),
                StepState.MANUAL_PENDING, null, null, null, "open the firewall", "2026-01-01T00:00:02Z", "me"));

        Cli table = migrate("status", file.toString());

        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains("Phase 0 preflight: 1 applied", "Phase 3 kubernetes: 1 manual-pending",
                "Phase 6 cleanup: no steps", check.id(), "issuer enabled", "open the firewall");
        Cli json = migrate("status", file.toString(), "-o", "json");
        JsonNode steps = InventoryCodec.json().readTree(json.out()).get("steps");
        assertThat(steps).extracting(s -> s.get("state").asText()).containsExactly("applied", "manual-pending");

        Cli rollback = migrate("rollback", file.toString(), "--yes");

        assertThat(rollback.exitCode()).as(rollback.err()).isZero();
        assertThat(rollback.out()).contains("rollback: done (1 of 1 steps)", "reverted", check.id());
        Cli local = migrate("status", file.toString(), "--local");
        assertThat(local.out()).as("rollback mirrored the cluster's journal beside the plan")
                .contains("Phase 0 preflight: 1 reverted", "Phase 3 kubernetes: 1 manual-pending");
    }

    private Cli migrate(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--kubeconfig", cluster.kubeconfig().toString(), "--azure-endpoints", endpoints.toString()));
        return Cli.run(work, all.toArray(String[]::new));
    }

    /** A plan of a preflight check and a manual step for a cluster with {@code uid}, unique to this test run. */
    private Path plan(String name, String uid, boolean azureResolved) throws Exception {
        String tag = name + "-" + UUID.randomUUID();
        List<Step> steps = List.of(
                new CheckPreflight(Target.cluster("local"), new CheckPreflight.Desired("oidc-issuer", tag), "test"),
                new ManualAction(3, Target.cluster("local"), new ManualAction.Desired("open the firewall"), "test"));
        List<Phase> phases = new ArrayList<>();
        for (int number = 0; number < Phase.NAMES.size(); number++) {
            int phase = number;
            phases.add(Phase.of(number, steps.stream().filter(s -> s.phase() == phase).toList()));
        }
        PlanHeader.Setting option = new PlanHeader.Setting("00000000-0000-0000-0000-0000000000cc", "option");
        Plan plan = Plan.of(new PlanHeader(null, List.of(new PlanHeader.ClusterHeader("local", cluster.issuerUrl(),
                uid)), new PlanHeader.AzureHeader("AzureCloud", option, option, new PlanHeader.Setting("rg", "option"),
                new PlanHeader.Setting("eastus", "option"), List.of(option.value()), azureResolved),
                new PlanHeader.SpStrategy("uami", List.of()), List.of()), List.of(), phases);
        Path directory = Files.createDirectories(work.resolve(name));
        Path file = directory.resolve("plan.yaml");
        Files.writeString(file, PlanCodec.write(plan));
        return file;
    }
}
