package io.wimigrate.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.executor.Executor;
import io.wimigrate.planner.azure.AzureConnection;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.PlanHeader;
import io.wimigrate.scanner.cluster.KubeconfigClients;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where a plan is carried out: the kube context (by default the one named like the plan's cluster, else the current
 * one) and the Azure session (cloud and tenant from the plan unless given). Shared by apply, rollback, verify, status.
 */
final class ExecutorOptions {

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Kubeconfig to use (default: KUBECONFIG, then ~/.kube/config).")
    private Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME",
            description = "Kube context (default: the context named like the plan's cluster, else the current one).")
    private String context;

    @Option(names = "--azure-endpoints", paramLabel = "FILE",
            description = "JSON map of AzureEnvironment endpoints, for a cloud --cloud does not name (Azure Stack,"
                    + " a test emulator).")
    private Path azureEndpoints;

    @Option(names = "--cloud", paramLabel = "NAME", description = "AzureCloud, AzureChinaCloud, AzureUSGovernment"
            + " (default: the plan's).")
    private String cloud;

    @Option(names = "--tenant", paramLabel = "ID", description = "Entra tenant id (default: the plan's).")
    private String tenant;

    private AzureConnection connection;

    KubernetesClient kube(Migrate migrate, Plan plan) {
        KubeconfigClients clients = KubeconfigClients.of(kubeconfig == null ? null
                : migrate.workingDirectory.resolve(kubeconfig));
        String planned = plan.header().clusters().isEmpty() ? null : plan.header().clusters().get(0).name();
        String chosen = context != null ? context : clients.contexts().contains(planned) ? planned : null;
        return clients.client(chosen);
    }

    /**
     * The command's one Azure session, made on first use: apply's freshness check and its steps share its token and
     * its HTTP connections, so the steps do not open (and TLS-handshake) a second connection per request in flight.
     */
    AzureConnection azure(Migrate migrate, Plan plan) {
        if (connection == null) {
            PlanHeader.AzureHeader azure = plan.header().azure();
            connection = AzureLogin.connect(cloud != null ? cloud : azure.cloud(),
                    azureEndpoints == null ? null : migrate.workingDirectory.resolve(azureEndpoints),
                    tenant != null ? tenant : azure.tenant().value(), azure.subscriptions());
        }
        return connection;
    }

    /** An executor on this cluster and Azure, mirroring the journal beside {@code planFile}. */
    Executor.Builder executor(Migrate migrate, Plan plan, Path planFile, KubernetesClient kube) {
        return Executor.builder(kube).azure(azure(migrate, plan))
                .mirrorBeside(migrate.workingDirectory.resolve(planFile));
    }
}
