package io.wimigrate.planner.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.identity.ClientSecretCredentialBuilder;
import io.wimigrate.localcluster.LoopbackGuard;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An AzureConnection to the real cloud, as a test that forgot the emulator would build: it cannot get out. */
class LoopbackGuardAzureTest {

    @Test
    void anAzureConnectionToThePublicCloudIsRefused() {
        AzureConnection connection = new AzureConnection(AzureEnvironment.AZURE,
                "00000000-0000-0000-0000-00000000000a", List.of("00000000-0000-0000-0000-00000000000b"),
                new ClientSecretCredentialBuilder().tenantId("00000000-0000-0000-0000-00000000000a")
                        .clientId("00000000-0000-0000-0000-00000000000c").clientSecret("not-a-secret").build(),
                new JdkHttpClientBuilder().build());

        assertThatThrownBy(() -> connection.credential().getTokenSync(new TokenRequestContext()
                .addScopes(connection.environment().getManagementEndpoint() + "/.default")))
                .isNotNull();

        assertThat(LoopbackGuard.drainRefusals()).isNotEmpty()
                .allMatch(refusal -> refusal.contains("login.microsoftonline.com")
                        || refusal.contains("management.azure.com"));
    }
}
