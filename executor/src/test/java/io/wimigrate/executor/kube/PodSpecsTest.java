package io.wimigrate.executor.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.StepFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A bare Pod's spec goes into the journal before the pod is recreated: never one holding a literal credential. */
class PodSpecsTest {

    private static final KubeObject POD = new KubeObject("v1", "Pod", "orders", "debug");
    private static final String VALUE = "fixture-literal-0123456789";

    @ParameterizedTest
    @ValueSource(strings = {"AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PASSWORD", "SMTP_PASSWORD", "api_key",
        "STORAGE_ACCESS_KEY", "GITHUB_TOKEN", "DB_CONNECTION_STRING", "JWT_PRIVATE_KEY"})
    void aCredentialSetLiterallyIsRefusedWithoutQuotingIt(String name) throws Exception {
        assertThatThrownBy(() -> PodSpecs.requireNoLiteralSecret(POD, spec(name, VALUE)))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Pod/orders/debug: container app sets " + name + " to a literal value")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(VALUE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"AZURE_FEDERATED_TOKEN_FILE", "AZURE_CLIENT_ID", "AZURE_AUTHORITY_HOST", "PWD",
        "SECRET_STORE_URL", "LOG_LEVEL"})
    void otherLiteralsAndPathsToCredentialsAreKept(String name) throws Exception {
        assertThatCode(() -> PodSpecs.requireNoLiteralSecret(POD, spec(name, VALUE))).doesNotThrowAnyException();
    }

    @Test
    void anEmptyValueHoldsNoCredential() throws Exception {
        assertThatCode(() -> PodSpecs.requireNoLiteralSecret(POD, spec("SMTP_PASSWORD", "")))
                .doesNotThrowAnyException();
    }

    private static ObjectNode spec(String name, String value) throws Exception {
        return (ObjectNode) new ObjectMapper().readTree("{\"containers\": [{\"name\": \"app\", \"env\": [{\"name\": \""
                + name + "\", \"value\": \"" + value + "\"}]}]}");
    }
}
