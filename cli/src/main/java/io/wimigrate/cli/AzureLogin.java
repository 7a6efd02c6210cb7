package io.wimigrate.cli;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.fasterxml.jackson.core.type.TypeReference;
import io.wimigrate.planner.azure.AzureConnection;
import io.wimigrate.scanner.BadInputException;
import io.wimigrate.scanner.report.InventoryCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The operator's Azure session: DefaultAzureCredential (environment, workload identity, managed identity, Azure CLI
 * login, ...) against the chosen cloud. TLS trust is the JVM's (its default trust store, or
 * {@code -Djavax.net.ssl.trustStore}); it is never switched off.
 */
final class AzureLogin {

    private static final Map<String, AzureEnvironment> CLOUDS = Map.of(
            "AzureCloud", AzureEnvironment.AZURE,
            "AzureChinaCloud", AzureEnvironment.AZURE_CHINA,
            "AzureUSGovernment", AzureEnvironment.AZURE_US_GOVERNMENT);

    private AzureLogin() {
    }

    /**
     * {@code endpoints} (a JSON map of AzureEnvironment endpoint keys) selects a cloud that has no name here, such
     * as an Azure Stack or a test emulator; otherwise {@code cloud} names one.
     */
    static AzureConnection connect(String cloud, Path endpoints, String tenant, List<String> subscriptions) {
        if (tenant == null) {
            throw new BadInputException("cannot read Azure without a tenant: give --tenant (or --offline)");
        }
        if (subscriptions.isEmpty()) {
            throw new BadInputException("cannot read Azure without a subscription: give --subscription (or"
                    + " --offline)");
        }
        AzureEnvironment environment = endpoints != null ? custom(endpoints) : named(cloud);
        DefaultAzureCredentialBuilder credential = new DefaultAzureCredentialBuilder().tenantId(tenant)
                .authorityHost(environment.getActiveDirectoryEndpoint());
        if (endpoints != null) {
            credential.disableInstanceDiscovery();
        }
        return new AzureConnection(environment, tenant, subscriptions, credential.build(),
                new JdkHttpClientBuilder().build());
    }

    private static AzureEnvironment named(String cloud) {
        AzureEnvironment environment = CLOUDS.get(cloud);
        if (environment == null) {
            throw new BadInputException("--cloud " + cloud + ": unknown cloud (known: " + String.join(", ",
                    CLOUDS.keySet().stream().sorted().toList()) + "; or give --azure-endpoints FILE)");
        }
        return environment;
    }

    private static AzureEnvironment custom(Path file) {
        try {
            return new AzureEnvironment(InventoryCodec.json().readValue(file.toFile(),
                    new TypeReference<Map<String, String>>() { }));
        } catch (IOException e) {
            throw new BadInputException("--azure-endpoints " + file + ": not a JSON map of endpoints: "
                    + e.getMessage(), e);
        }
    }
}
