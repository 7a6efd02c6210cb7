package io.wimigrate.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.wimigrate.scanner.model.Diagnostic;
import io.wimigrate.scanner.model.Finding;
import io.wimigrate.scanner.model.Location;
import io.wimigrate.scanner.model.ObjectRef;
import io.wimigrate.scanner.model.Rule;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SarifReportTest {

    private static final Finding IN_FILE = Finding.of(Rule.JAVA_CLIENT_SECRET_CREDENTIAL,
            new Location.InFile("examples/repo", "src/main/java/App.java", 12, 9), "builds a ClientSecretCredential",
            Map.of("symbol", "ClientSecretCredentialBuilder"));
    private static final Finding IN_CLUSTER = Finding.of(Rule.POD_IDENTITY_BOUND_WORKLOAD,
            new Location.InCluster("aks-prod", ObjectRef.of("apps/v1", "Deployment", "payments", "api")),
            "bound by pod identity", Map.of());

    /** The official OASIS SARIF 2.1.0 schema (draft-04), kept in schemas/third-party at the project root. */
    static JsonSchema sarifSchema() throws Exception {
        Path schema = Path.of("").toAbsolutePath().getParent().resolve("schemas/third-party/sarif-schema-2.1.0.json");
        try (InputStream in = Files.newInputStream(schema)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
    }

    static Set<ValidationMessage> validate(String sarif) throws Exception {
        return sarifSchema().validate(InventoryCodec.json().readTree(sarif));
    }

    @Test
    void logValidatesAgainstTheSarifSchema() throws Exception {
        String sarif = SarifReport.render(List.of(IN_FILE, IN_CLUSTER),
                List.of(Diagnostic.warning("examples/repo", "bad.yaml", "does not parse at 3:1")), "1.2.3");

        assertThat(validate(sarif)).isEmpty();
    }

    @Test
    void schemaValidationCatchesABrokenLog() throws Exception {
        String broken = SarifReport.render(List.of(IN_FILE), List.of(), "1.2.3").replace("\"2.1.0\"", "\"9.9\"");

        assertThat(validate(broken)).isNotEmpty();
    }

    @Test
    void everyResultHasAPhysicalLocationAsGitHubRequires() throws Exception {
        JsonNode results = InventoryCodec.json()
                .readTree(SarifReport.render(List.of(IN_FILE, IN_CLUSTER), List.of(), "1.2.3"))
                .at("/runs/0/results");

        assertThat(results).hasSize(2);
        assertThat(results.get(0).at("/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("examples/repo/src/main/java/App.java");
        assertThat(results.get(0).at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(12);
        assertThat(results.get(1).at("/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("kubernetes/aks-prod/payments/Deployment/api");
        assertThat(results.get(1).at("/locations/0/logicalLocations/0/fullyQualifiedName").asText())
                .isEqualTo("aks-prod/Deployment/payments/api");
    }

    @Test
    void resultsPointAtTheirRuleAndCarryTheStableId() throws Exception {
        JsonNode run = InventoryCodec.json().readTree(SarifReport.render(List.of(IN_FILE), List.of(), "1.2.3"))
                .at("/runs/0");
        JsonNode result = run.at("/results/0");

        int index = result.get("ruleIndex").asInt();
        assertThat(run.at("/tool/driver/rules/" + index + "/id").asText()).isEqualTo(result.get("ruleId").asText());
        assertThat(result.at("/partialFingerprints/wimigrate~1v1").asText()).isEqualTo(IN_FILE.id());
        assertThat(result.get("level").asText()).isEqualTo("error");
    }
}
