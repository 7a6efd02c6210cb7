package io.wimigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.wimigrate.planner.io.PlanCodec;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pins {@code migrate plan} of the bundled example: plan.yaml and plan.md, byte for byte. */
class PlanGoldenTest {

    private static final Path EXPECTED = Cli.PROJECT_ROOT.resolve("examples/expected");

    @TempDir
    Path dir;

    private Cli planExample(String out) {
        return Cli.inProject("plan", "--from-dump", "examples/cluster", "--repo", "examples/repo", "--offline",
                "--out", dir.resolve(out).toString());
    }

    @Test
    void examplePlanMatchesGoldenAndIsTheSameTwice() throws Exception {
        Cli first = planExample("first");
        Cli second = planExample("second");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();
        for (String file : new String[] {"plan.yaml", "plan.md"}) {
            String written = Files.readString(dir.resolve("first").resolve(file));
            assertThat(Files.readString(dir.resolve("second").resolve(file)))
                    .as("two plans of the same inputs are byte-identical: %s", file).isEqualTo(written);
            Golden.assertMatches(written, EXPECTED.resolve(file));
        }
    }

    @Test
    void theExamplePlanIsValidAgainstThePublishedSchemaAndItsDigest() throws Exception {
        JsonNode plan = new YAMLMapper().readTree(EXPECTED.resolve("plan.yaml").toFile());
        try (InputStream schema = Files.newInputStream(Cli.PROJECT_ROOT.resolve("schemas/plan.schema.json"))) {
            assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema)
                    .validate(plan)).isEmpty();
        }
        assertThat(PlanCodec.read(EXPECTED.resolve("plan.yaml")).steps()).isNotEmpty();
    }

    @Test
    void theExamplePlanIsUpToDateWithTheExample() {
        Cli check = Cli.inProject("plan", "--from-dump", "examples/cluster", "--repo", "examples/repo", "--offline",
                "--check", "examples/expected/plan.yaml");

        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
    }

    @Test
    void theExamplePlanMdFitsInAPullRequestComment() throws Exception {
        // GitHub refuses comments longer than 65536 characters.
        assertThat(Files.readString(EXPECTED.resolve("plan.md"))).hasSizeLessThan(65_536);
    }

    @Test
    void theExamplePlanNeverCarriesASecretValue() throws Exception {
        String plan = Files.readString(EXPECTED.resolve("plan.yaml")) + Files.readString(EXPECTED.resolve("plan.md"));

        assertThat(plan).doesNotContain("example-not-a-real-secret", "ZXhhbXBsZS1ub3QtYS1yZWFsLXNlY3JldC");
    }
}
