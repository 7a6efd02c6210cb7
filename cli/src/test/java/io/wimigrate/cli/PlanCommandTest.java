package io.wimigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.planner.io.PlanCodec;
import io.wimigrate.scanner.model.AzureIdentity;
import io.wimigrate.scanner.model.AzureIdentityBinding;
import io.wimigrate.scanner.model.BoundIdentity;
import io.wimigrate.scanner.model.ClusterInventory;
import io.wimigrate.scanner.model.IdentityType;
import io.wimigrate.scanner.model.Inventory;
import io.wimigrate.scanner.model.ObjectRef;
import io.wimigrate.scanner.model.SecretUse;
import io.wimigrate.scanner.model.ServiceAccountInfo;
import io.wimigrate.scanner.model.SpSecret;
import io.wimigrate.scanner.model.Workload;
import io.wimigrate.scanner.report.InventoryCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {

    @TempDir
    Path dir;

    private static final String AKS_ISSUER =
            "https://eastus.oic.prod-aks.azure.com/11111111-2222-3333-4444-555555555555/abc/";

    private static Inventory shop(String version) {
        return shop(version, AKS_ISSUER);
    }

    /**
     * One Deployment bound to one user-assigned identity; {@code version} is the Deployment's resourceVersion; an AKS
     * {@code issuer} names the tenant, which a null one does not.
     */
    private static Inventory shop(String version, String issuer) {
        ObjectRef identity = new ObjectRef("aadpodidentity.k8s.io/v1", "AzureIdentity", "shop", "cart-id", "u1", "1");
        ObjectRef binding = new ObjectRef("aadpodidentity.k8s.io/v1", "AzureIdentityBinding", "shop", "cart-binding",
                "u2", "1");
        ObjectRef cart = new ObjectRef("apps/v1", "Deployment", "shop", "cart", "u3", version);
        ObjectRef account = new ObjectRef("v1", "ServiceAccount", "shop", "cart", "u4", "1");
        return Inventory.of(List.of(new ClusterInventory("prod", issuer, "ks-uid", null, null,
                List.of(new AzureIdentity(identity, IdentityType.USER_ASSIGNED_MSI, "/subscriptions/sub/resourceGroups/"
                        + "rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-cart",
                        "00000000-0000-4000-8000-000000000001", null, null, false, null)),
                List.of(new AzureIdentityBinding(binding, "cart-id", "cart", null, null)), List.of(), List.of(),
                List.of(new Workload(cart, "cart", "cart", List.of(new BoundIdentity(binding, identity)), List.of(),
                        false, false, List.of("app"), List.of(), null)),
                List.of(new ServiceAccountInfo(account, true, new TreeMap<>(), List.of(cart), null)), List.of())),
                List.of(), List.of(), List.of());
    }

    private Path inventory(String name, Inventory inventory) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, InventoryCodec.toYaml(inventory));
        return file;
    }

    private Cli plan(String... extra) throws Exception {
        Path inventory = inventory("inventory.yaml", shop("1"));
        String[] base = {"plan", "--inventory", inventory.toString(), "--offline"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return Cli.run(dir, args);
    }

    @Test
    void writesPlanYamlAndPlanMdTheSameTwice() throws Exception {
        Cli first = plan("--out", "out");
        String yaml = Files.readString(dir.resolve("out/plan.yaml"));
        String markdown = Files.readString(dir.resolve("out/plan.md"));
        Cli second = plan("--out", "out");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).isZero();
        assertThat(first.out()).startsWith("out/plan.yaml and plan.md: ");
        assertThat(Files.readString(dir.resolve("out/plan.yaml"))).isEqualTo(yaml);
        assertThat(Files.readString(dir.resolve("out/plan.md"))).isEqualTo(markdown);
        assertThat(PlanCodec.read(dir.resolve("out/plan.yaml")).steps()).isNotEmpty();
        assertThat(dir.resolve("out")).isDirectoryNotContaining("glob:**.tmp");
    }

    // Reading Azure for real is PlanOnlineTest's, against the emulator; these fail before any credential is made.
    @Test
    void readingAzureNeedsATenant() throws Exception {
        Path inventory = inventory("inventory.yaml", shop("1", null));
        Cli result = Cli.run(dir, "plan", "--inventory", inventory.toString(), "--out", "out");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("give --tenant (or --offline)");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void anUnknownCloudIsNamed() throws Exception {
        Path inventory = inventory("inventory.yaml", shop("1"));
        Cli result = Cli.run(dir, "plan", "--inventory", inventory.toString(), "--out", "out", "--cloud", "Mars");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("--cloud Mars: unknown cloud", "AzureChinaCloud", "--azure-endpoints");
    }

    @Test
    void checkTellsUpToDateStaleAndInvalid() throws Exception {
        plan("--out", "out");
        Path changed = inventory("changed.yaml", shop("7"));

        Cli upToDate = plan("--check", "out/plan.yaml");
        Cli stale = Cli.run(dir, "plan", "--inventory", changed.toString(), "--offline", "--check", "out/plan.yaml");
        Files.writeString(dir.resolve("out/plan.yaml"), Files.readString(dir.resolve("out/plan.yaml"))
                .replace("rollout-restart", "recreate-pod"));
        Cli invalid = plan("--check", "out/plan.yaml");

        assertThat(upToDate.exitCode()).as(upToDate.err()).isZero();
        assertThat(upToDate.out()).contains("up to date");
        assertThat(stale.exitCode()).isEqualTo(PlanCommand.STALE);
        assertThat(stale.out()).contains("prod:Deployment/shop/cart: changed (resourceVersion 1 -> 7)");
        assertThat(invalid.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(invalid.err()).contains("restart-workload prod: Deployment/shop/cart").contains("edited");
    }

    @Test
    void showRendersAValidPlanAndRefusesAnEditedOne() throws Exception {
        plan("--out", "out");

        Cli shown = Cli.run(dir, "show", "out/plan.yaml");
        Cli markdown = Cli.run(dir, "show", "--markdown", "out/plan.yaml");
        Files.writeString(dir.resolve("out/plan.yaml"), Files.readString(dir.resolve("out/plan.yaml"))
                .replace("kind: MigrationPlan", "kind: Other"));
        Cli edited = Cli.run(dir, "show", "out/plan.yaml");

        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("Phase 3 kubernetes (", "label-pod-template", "Deployment/shop/cart");
        assertThat(markdown.out()).isEqualTo(Files.readString(dir.resolve("out/plan.md")));
        assertThat(edited.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(edited.err()).contains("schema");
    }

    @Test
    void anUnknownStrategyIsAUsageError() throws Exception {
        Cli result = plan("--out", "out", "--sp-strategy", "nonsense");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aPlanThatCannotBeAppliedIsNotWrittenAndSaysWhy() throws Exception {
        ObjectRef mailer = new ObjectRef("apps/v1", "Deployment", "shop", "mailer", "u5", "1");
        ObjectRef secret = new ObjectRef("v1", "Secret", "shop", "mailer-sp", "u6", "1");
        Inventory onlySecrets = Inventory.of(List.of(new ClusterInventory("prod", null, "ks-uid", null, null,
                List.of(), List.of(), List.of(), List.of(),
                List.of(new Workload(mailer, "mailer", null, List.of(), List.of(new SecretUse(secret, "app", "env",
                        "AZURE_CLIENT_SECRET", "clientSecret")), false, false, List.of("app"), List.of(), null)),
                List.of(), List.of(new SpSecret(secret, List.of("clientSecret"), true, List.of(mailer),
                        List.of(mailer))))), List.of(), List.of(), List.of());
        Path inventory = inventory("secrets.yaml", onlySecrets);

        Cli result = Cli.run(dir, "plan", "--inventory", inventory.toString(), "--offline", "--out", "out");

        assertThat(result.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(result.err()).contains("no plan written", "give --subscription, --resource-group and --location");
        assertThat(dir.resolve("out/plan.yaml")).doesNotExist();
    }
}
