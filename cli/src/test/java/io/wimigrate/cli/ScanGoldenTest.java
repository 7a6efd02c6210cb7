package io.wimigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.wimigrate.scanner.report.InventoryCodec;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pins {@code migrate scan} of the bundled example in every output format. */
class ScanGoldenTest {

    private static final Path EXPECTED = Cli.PROJECT_ROOT.resolve("examples/expected");

    @ParameterizedTest
    @CsvSource({"json, scan.json", "yaml, scan.yaml", "table, scan.txt", "sarif, scan.sarif"})
    void exampleScanMatchesGolden(String format, String golden) throws Exception {
        Cli first = scanExample(format);
        Cli second = scanExample(format);

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.out()).as("two scans of the same inputs are byte-identical").isEqualTo(first.out());
        Golden.assertMatches(first.out(), EXPECTED.resolve(golden));
    }

    @Test
    void exampleSarifIsValidSarif() throws Exception {
        JsonNode sarif = InventoryCodec.json().readTree(scanExample("sarif").out());
        try (InputStream schema = Files.newInputStream(
                Cli.PROJECT_ROOT.resolve("schemas/third-party/sarif-schema-2.1.0.json"))) {
            assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema).validate(sarif))
                    .isEmpty();
        }
        assertThat(sarif.at("/runs/0/results")).isNotEmpty();
    }

    private static Cli scanExample(String format) {
        return Cli.inProject("scan", "--from-dump", "examples/cluster", "--repo", "examples/repo", "-o", format);
    }
}
