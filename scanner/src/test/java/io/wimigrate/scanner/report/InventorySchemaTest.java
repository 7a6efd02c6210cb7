package io.wimigrate.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The published inventory schema (schemas/inventory.schema.json) describes what the scanner writes, exactly. */
class InventorySchemaTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private static JsonSchema schema() throws Exception {
        try (InputStream in = Files.newInputStream(ROOT.resolve("schemas/inventory.schema.json"))) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    @Test
    void theExampleInventoryValidatesInBothFormats() throws Exception {
        JsonNode json = InventoryCodec.json().readTree(ROOT.resolve("examples/expected/scan.json").toFile());
        JsonNode yaml = new YAMLMapper().readTree(ROOT.resolve("examples/expected/scan.yaml").toFile());

        assertThat(schema().validate(json)).isEmpty();
        assertThat(schema().validate(yaml)).isEmpty();
        assertThat(yaml).isEqualTo(json);
    }

    @Test
    void aFieldTheSchemaDoesNotDocumentIsRefused() throws Exception {
        ObjectNode inventory = (ObjectNode) InventoryCodec.json()
                .readTree(ROOT.resolve("examples/expected/scan.json").toFile());
        ((ObjectNode) inventory.at("/clusters/0/workloads/0")).put("undocumented", true);

        assertThat(schema().validate(inventory)).isNotEmpty();
    }
}
