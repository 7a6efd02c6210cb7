package io.wimigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.localcluster.DumpSeeder;
import io.wimigrate.localcluster.LocalCluster;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.scanner.report.InventoryCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-only ClusterRole shipped in {@code deploy/rbac/wimigrate-scan.yaml} is exactly enough: scan and plan as a
 * ServiceAccount bound to it (and nothing else) equal the administrator's, with no Secret access; without any one of
 * its permissions the CLI names the missing verb and resource.
 */
@Tag("live-cluster")
@ExtendWith(LocalClusterExtension.class)
class LeastPrivilegeTest {

    private static final Path RBAC = Cli.PROJECT_ROOT.resolve("deploy/rbac");
    private static final String NAMESPACE = "wimigrate-least-privilege";
    private static final String REDUCED_ROLE = "wimigrate-scan-reduced";
    private static final String SUBSCRIPTION = "6f1c3a2e-8d4b-4e7a-9c1f-2b3d4e5f6a7b";

    @TempDir
    static Path work;

    private static ClusterRole scanRole;

    @BeforeAll
    static void seedAndInstallRoles(KubernetesClient client) throws Exception {
        DumpSeeder.seed(client, Cli.PROJECT_ROOT.resolve("examples/cluster"));
        scanRole = install(client, "wimigrate-scan.yaml");
        install(client, "wimigrate-scan-secrets.yaml");
    }

    @Test
    void scanAndPlanWithTheShippedRoleEqualTheAdministrators(LocalCluster cluster, KubernetesClient client)
            throws Exception {
        ServiceAccountKubeconfig scanner = ServiceAccountKubeconfig.create(client, cluster, work, NAMESPACE, "scanner",
                "wimigrate-scan");
        scanner.awaitAccess(client, "list", "", "pods", null, null, true);

        // The seeded workloads' controllers may still be updating their status (and so their resourceVersions): scan
        // again until two scans a moment apart saw the same cluster.
        Cli admin = Cli.inProject("scan", "--kubeconfig", cluster.kubeconfig().toString(), "-o", "json");
        Cli limited = Cli.inProject("scan", "--kubeconfig", scanner.path(), "-o", "json");
        for (int attempt = 1; attempt < 10 && !admin.out().equals(limited.out()); attempt++) {
            Thread.sleep(2_000);
            admin = Cli.inProject("scan", "--kubeconfig", cluster.kubeconfig().toString(), "-o", "json");
            limited = Cli.inProject("scan", "--kubeconfig", scanner.path(), "-o", "json");
        }

        assertThat(admin.exitCode()).as(admin.err()).isZero();
        assertThat(limited.exitCode()).as(limited.err()).isZero();
        assertThat(limited.err()).doesNotContain("forbidden");
        // Secrets are out of the role: any Secret request would have been a Forbidden diagnostic and exit 1.
        assertThat(scanRole.getRules()).noneMatch(rule -> rule.getResources().contains("secrets"));
        assertThat(InventoryCodec.json().readTree(limited.out()))
                .isEqualTo(InventoryCodec.json().readTree(admin.out()));
        assertThat(InventoryCodec.json().readTree(limited.out()).at("/clusters/0/spSecrets")).isNotEmpty();

        Path adminPlan = work.resolve("plan-admin");
        Path limitedPlan = work.resolve("plan-limited");
        Cli adminPlanRun = Cli.inProject("plan", "--offline", "--kubeconfig", cluster.kubeconfig().toString(),
                "--subscription", SUBSCRIPTION, "--resource-group", "rg-identities", "--location", "eastus",
                "--out", adminPlan.toString());
        Cli limitedPlanRun = Cli.inProject("plan", "--offline", "--kubeconfig", scanner.path(),
                "--subscription", SUBSCRIPTION, "--resource-group", "rg-identities", "--location", "eastus",
                "--out", limitedPlan.toString());
        assertThat(adminPlanRun.exitCode()).as(adminPlanRun.err()).isZero();
        assertThat(limitedPlanRun.exitCode()).as(limitedPlanRun.err()).isZero();
        assertThat(Files.readString(limitedPlan.resolve("plan.yaml")))
                .isEqualTo(Files.readString(adminPlan.resolve("plan.yaml")));
    }

    @Test
    void listSecretsNeedsTheSecretsRoleAndSaysSo(LocalCluster cluster, KubernetesClient client) throws Exception {
        ServiceAccountKubeconfig scanner = ServiceAccountKubeconfig.create(client, cluster, work, NAMESPACE,
                "secrets-scanner", "wimigrate-scan");

        Cli without = Cli.inProject("scan", "--kubeconfig", scanner.path(), "--list-secrets", "-o", "json");
        assertThat(without.exitCode()).as(without.err()).isEqualTo(ExitCode.FAILURE);
        assertThat(without.err()).contains("cannot list secrets in all namespaces (verb list, resource secrets,"
                + " group core) — grant list on secrets", "scan is incomplete");

        ServiceAccountKubeconfig.bind(client, NAMESPACE, "secrets-scanner", "wimigrate-scan-secrets");
        scanner.awaitAccess(client, "list", "", "secrets", null, null, true);
        Cli with = Cli.inProject("scan", "--kubeconfig", scanner.path(), "--list-secrets", "-o", "json");
        assertThat(with.exitCode()).as(with.err()).isZero();
        assertThat(with.err()).doesNotContain("forbidden");
    }

    /** Each rule's resources one at a time: the scan names exactly what is missing, as verb and resource. */
    @Test
    void everyPermissionOfTheRoleIsNeededAndNamedWhenMissing(LocalCluster cluster, KubernetesClient client)
            throws Exception {
        ServiceAccountKubeconfig scanner = ServiceAccountKubeconfig.create(client, cluster, work, NAMESPACE,
                "reduced-scanner", REDUCED_ROLE);
        List<String> checked = new ArrayList<>();
        for (int r = 0; r < scanRole.getRules().size(); r++) {
            PolicyRule rule = scanRole.getRules().get(r);
            if (rule.getResources().isEmpty()) {
                // The OIDC discovery document is also served anonymously (as on AKS): no denial to observe here.
                continue;
            }
            String group = rule.getApiGroups().get(0);
            String verb = rule.getVerbs().get(0);
            for (String resource : rule.getResources()) {
                client.rbac().clusterRoles().withName(REDUCED_ROLE).delete();
                client.resource(without(r, resource)).create();
                scanner.awaitAccess(client, verb, group, resource, null,
                        rule.getResourceNames().isEmpty() ? null : rule.getResourceNames().get(0), false);

                Cli result = Cli.inProject("scan", "--kubeconfig", scanner.path(), "-o", "json");

                String qualified = group.isEmpty() ? resource : resource + "." + group;
                assertThat(result.err()).as(resource)
                        .contains("forbidden: cannot " + verb + " " + resource)
                        .contains("(verb " + verb + ", resource " + resource + ", group "
                                + (group.isEmpty() ? "core" : group) + ")")
                        .contains("grant " + verb + " on " + qualified)
                        .doesNotContain(scanner.token());
                JsonNode diagnostics = InventoryCodec.json().readTree(result.out()).get("diagnostics");
                assertThat(diagnostics).as(resource).hasSize(1);
                // The cluster's identity is a warning (apply checks it later); a kind not listed makes the scan
                // incomplete.
                assertThat(result.exitCode()).as(result.err())
                        .isEqualTo(verb.equals("get") ? ExitCode.OK : ExitCode.FAILURE);
                checked.add(verb + " " + qualified);
            }
        }
        assertThat(checked).contains("list pods", "list configmaps", "get namespaces", "list deployments.apps",
                "list azureidentities.aadpodidentity.k8s.io").hasSize(18);
    }

    private static ClusterRole install(KubernetesClient client, String file) throws Exception {
        ClusterRole role = client.rbac().clusterRoles().load(RBAC.resolve(file).toFile()).item();
        client.resource(role).forceConflicts().serverSideApply();
        return role;
    }

    /** The shipped role, named {@link #REDUCED_ROLE}, without {@code resource} in rule {@code index}. */
    private static ClusterRole without(int index, String resource) {
        List<PolicyRule> rules = new ArrayList<>();
        for (int r = 0; r < scanRole.getRules().size(); r++) {
            PolicyRule rule = scanRole.getRules().get(r);
            if (r != index) {
                rules.add(rule);
                continue;
            }
            List<String> kept = rule.getResources().stream().filter(name -> !name.equals(resource)).toList();
            if (!kept.isEmpty()) {
                rules.add(new PolicyRuleBuilder(rule).withResources(kept).build());
            }
        }
        return new ClusterRoleBuilder().withNewMetadata().withName(REDUCED_ROLE).endMetadata().withRules(rules)
                .build();
    }
}
