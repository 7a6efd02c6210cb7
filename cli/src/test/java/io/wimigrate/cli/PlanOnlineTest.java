package io.wimigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.azure.emulator.AzureEmulator;
import io.wimigrate.azure.emulator.InventorySeeder;
import io.wimigrate.azure.emulator.SeededApplication;
import io.wimigrate.scanner.Progress;
import io.wimigrate.scanner.cluster.ClusterScanner;
import io.wimigrate.scanner.model.ClusterInventory;
import io.wimigrate.scanner.report.InventoryCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate plan} reading Azure as an operator would: a separate process whose DefaultAzureCredential finds a
 * service principal in its environment, and whose JVM trusts the emulator through its trust store; the emulator is
 * chosen by its endpoints file only.
 */
class PlanOnlineTest {

    @TempDir
    Path work;

    @Test
    void planReadsRoleAssignmentsThroughTheSdk() throws Exception {
        ClusterInventory cluster = new ClusterScanner().scanDump(Cli.PROJECT_ROOT.resolve("examples/cluster"),
                "examples/cluster", false, Progress.NONE).value();
        String tenant = cluster.azureIdentities().get(0).tenantId();
        String subscription = cluster.azureIdentities().stream().filter(i -> i.resourceId() != null).findFirst()
                .orElseThrow().resourceId().split("/")[2];
        try (AzureEmulator emulator = AzureEmulator.builder().tenantId(tenant).subscriptionIds(subscription)
                .start()) {
            InventorySeeder.seed(emulator, cluster, Cli.PROJECT_ROOT.resolve("examples/azure/role-assignments.yaml"),
                    "eastus");
            SeededApplication operator = emulator.seed().servicePrincipalWithSecret("platform-team");
            Path endpoints = work.resolve("endpoints.json");
            Files.writeString(endpoints, InventoryCodec.toJson(emulator.environmentEndpoints()));

            ProcessBuilder migrate = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(),
                    "-Djavax.net.ssl.trustStore=" + emulator.trustStoreFile(),
                    "-Djavax.net.ssl.trustStorePassword=" + emulator.trustStorePassword(),
                    "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                    Migrate.class.getName(), "plan", "--from-dump", "examples/cluster", "--repo", "examples/repo",
                    "--azure-endpoints", endpoints.toString(), "--out", work.toString())
                    .directory(Cli.PROJECT_ROOT.toFile())
                    .redirectErrorStream(true);
            migrate.environment().putAll(java.util.Map.of("AZURE_CLIENT_ID", operator.appId(),
                    "AZURE_CLIENT_SECRET", operator.secret(), "AZURE_TENANT_ID", tenant));
            Process process = migrate.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

            assertThat(process.exitValue()).as(output).isZero();
            String plan = Files.readString(work.resolve("plan.yaml"));
            assertThat(plan).contains("azureResolved: true", "Storage Blob Data Contributor");
            assertThat(List.of(output, plan, Files.readString(work.resolve("plan.md"))))
                    .noneMatch(text -> text.contains(operator.secret()));
        }
    }
}
