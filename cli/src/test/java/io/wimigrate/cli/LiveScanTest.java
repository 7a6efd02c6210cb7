package io.wimigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.localcluster.DumpSeeder;
import io.wimigrate.localcluster.LocalCluster;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.scanner.report.InventoryCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate scan} against a real API server seeded with {@code examples/cluster}: it must find what the offline
 * scan of the same dump finds, and report a Forbidden kind precisely while scanning the rest.
 */
@Tag("live-cluster")
@ExtendWith(LocalClusterExtension.class)
class LiveScanTest {

    /**
     * Differs by nature between a dump and a live copy of it: object identities, the pods controllers made, and
     * whether a ServiceAccount the dump only names (such as {@code default}) exists.
     */
    private static final Set<String> VOLATILE = Set.of("uid", "resourceVersion", "pods", "exists");

    @TempDir
    static Path work;

    @BeforeAll
    static void seed(KubernetesClient client) {
        DumpSeeder.seed(client, Cli.PROJECT_ROOT.resolve("examples/cluster"));
    }

    @Test
    void liveScanFindsWhatTheDumpScanFinds(LocalCluster cluster) throws Exception {
        Cli live = Cli.inProject("scan", "--kubeconfig", cluster.kubeconfig().toString(), "-o", "json");
        Cli dump = Cli.inProject("scan", "--from-dump", "examples/cluster", "-o", "json");
        assertThat(live.exitCode()).as(live.err()).isZero();

        JsonNode liveCluster = InventoryCodec.json().readTree(live.out()).at("/clusters/0");
        JsonNode dumpCluster = InventoryCodec.json().readTree(dump.out()).at("/clusters/0");
        for (String section : List.of("azureIdentities", "bindings", "exceptions", "workloads", "serviceAccounts",
                "spSecrets", "assignedIdentities")) {
            assertThat(normalise(liveCluster.get(section))).as(section).isEqualTo(normalise(dumpCluster.get(section)));
        }
        assertThat(liveCluster.at("/podIdentity/mode")).isEqualTo(dumpCluster.at("/podIdentity/mode"));
        assertThat(liveCluster.get("oidcIssuer").asText()).isEqualTo(cluster.issuerUrl());
        assertThat(liveCluster.at("/webhook/configuration/name").asText())
                .isEqualTo(LocalCluster.WEBHOOK_CONFIGURATION);
        assertThat(findingKeys(live.out())).containsAll(findingKeys(dump.out()).stream()
                .filter(key -> !key.startsWith("workload-identity-webhook-missing"))
                .filter(key -> !key.startsWith("pod-identity-install")).toList());

        Cli table = Cli.inProject("scan", "--kubeconfig", cluster.kubeconfig().toString());
        assertThat(table.out()).as("the local webhook is reached by URL: no namespace to show")
                .contains("Workload identity webhook:  " + LocalCluster.WEBHOOK_CONFIGURATION + "\n");
    }

    @Test
    void allContextsScansEveryContextOfTheKubeconfig(LocalCluster cluster) throws Exception {
        String kubeconfig = Files.readString(cluster.kubeconfig());
        String twoContexts = kubeconfig.replace("contexts:\n", """
                contexts:
                - name: second
                  context:
                    cluster: wimigrate-local
                    user: wimigrate-admin
                """);
        Path file = work.resolve("two-contexts");
        Files.writeString(file, twoContexts);

        Cli result = Cli.inProject("scan", "--kubeconfig", file.toString(), "--all-contexts", "-n", "payments",
                "-o", "json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode clusters = InventoryCodec.json().readTree(result.out()).get("clusters");
        assertThat(clusters).extracting(c -> c.get("name").asText()).containsExactly("second", "wimigrate-local");
        assertThat(clusters.get(0).get("workloads")).isEqualTo(clusters.get(1).get("workloads"));
        assertThat(clusters.get(0).get("workloads")).extracting(w -> w.at("/ref/namespace").asText())
                .isNotEmpty().containsOnly("payments");
    }

    @Test
    void forbiddenKindIsNamedAndTheRestIsScanned(LocalCluster cluster, KubernetesClient client) throws Exception {
        client.rbac().clusterRoles().resource(new ClusterRoleBuilder()
                .withNewMetadata().withName("wimigrate-scan-without-pods").endMetadata()
                .withRules(new PolicyRuleBuilder().withApiGroups("apps", "batch", "aadpodidentity.k8s.io",
                                "admissionregistration.k8s.io", "apiextensions.k8s.io", "rbac.authorization.k8s.io")
                                .withResources("*").withVerbs("get", "list").build(),
                        new PolicyRuleBuilder().withApiGroups("").withResources("serviceaccounts", "namespaces",
                                "configmaps").withVerbs("get", "list").build())
                .build()).serverSideApply();
        ServiceAccountKubeconfig scanner = ServiceAccountKubeconfig.create(client, cluster, work, "wimigrate-limited",
                "scanner", "wimigrate-scan-without-pods");
        String token = scanner.token();

        Cli result = Cli.inProject("scan", "--kubeconfig", scanner.path(), "-o", "json");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCode.FAILURE);
        assertThat(result.err()).contains("pods", "list", "scan is incomplete").doesNotContain(token);
        assertThat(result.out()).doesNotContain(token);
        JsonNode inventory = InventoryCodec.json().readTree(result.out());
        assertThat(inventory.at("/clusters/0/azureIdentities")).hasSize(8);
        assertThat(inventory.get("diagnostics").toString()).contains("pods");
    }

    private static Set<String> findingKeys(String json) throws Exception {
        Set<String> keys = new TreeSet<>();
        for (JsonNode finding : InventoryCodec.json().readTree(json).get("findings")) {
            JsonNode object = finding.at("/location/object");
            keys.add(finding.get("rule").asText() + " " + object.get("kind").asText() + "/"
                    + object.path("namespace").asText("") + "/" + object.get("name").asText());
        }
        return keys;
    }

    /**
     * Drops fields that differ by nature, Pods/ReplicaSets/Jobs (made by controllers, named by them), and ownership
     * read from managedFields (seeding rewrites them; Helm/Argo CD/Flux ownership comes from labels and stays).
     */
    private static JsonNode normalise(JsonNode node) {
        JsonNode copy = node == null ? InventoryCodec.json().createArrayNode() : node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            VOLATILE.forEach(object::remove);
            if (!Set.of("helm", "argocd", "flux").contains(object.path("ownership").path("manager").asText())) {
                object.remove("ownership");
            }
            object.forEach(LiveScanTest::strip);
        } else if (node instanceof ArrayNode array) {
            for (Iterator<JsonNode> items = array.elements(); items.hasNext(); ) {
                JsonNode item = items.next();
                String kind = item.path("kind").asText();
                if (kind.equals("Pod") || kind.equals("ReplicaSet") || kind.equals("Job")) {
                    items.remove();
                } else {
                    strip(item);
                }
            }
        }
    }
}
