package io.wimigrate.rewriter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.InputStream;
import io.wimigrate.scanner.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RewriteSarifTest {

    private static final Path CORPUS = Path.of("src/test/resources/golden");

    @TempDir
    Path repo;

    private JsonNode sarifOf(String... cases) throws Exception {
        for (String name : cases) {
            FileTrees.copy(CORPUS.resolve(name).resolve("in"), repo);
        }
        String sarif = RewriteSarif.render(new RepoRewriter().rewrite(repo), "repo", "1.2.3");
        Path schema = Path.of("").toAbsolutePath().getParent().resolve("schemas/third-party/sarif-schema-2.1.0.json");
        JsonNode log = new ObjectMapper().readTree(sarif);
        try (InputStream in = Files.newInputStream(schema)) {
            assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in).validate(log))
                    .isEmpty();
        }
        return log;
    }

    @Test
    void findingsOfOtherLanguagesCarryFixesThatMakeTheReplacement() throws Exception {
        JsonNode results = sarifOf("python-credentials").at("/runs/0/results");
        JsonNode withFix = null;
        for (JsonNode result : results) {
            if (result.at("/locations/0/physicalLocation/artifactLocation/uri").asText().equals("repo/app/storage.py")
                    && result.has("fixes")) {
                withFix = result;
            }
        }
        assertThat(withFix).isNotNull();
        assertThat(withFix.get("ruleId").asText()).isEqualTo("python-credential");

        String fixed = apply(Files.readString(repo.resolve("app/storage.py")), withFix.at("/fixes/0"));

        assertThat(fixed).contains("from azure.identity import DefaultAzureCredential, ClientSecretCredential,")
                .contains("\ncredential = DefaultAzureCredential()\nblobs = ")
                .doesNotContain("AZURE_CLIENT_SECRET");
    }

    @Test
    void aChangedFileIsAResultWhoseFixIsTheRewrite() throws Exception {
        JsonNode log = sarifOf("spring-yaml-per-service", "java-several-clients");
        RewriteResult result = new RepoRewriter().rewrite(repo);
        int changes = 0;
        for (JsonNode entry : log.at("/runs/0/results")) {
            if (!entry.get("ruleId").asText().equals(RewriteSarif.CHANGE)) {
                continue;
            }
            changes++;
            String path = entry.at("/locations/0/physicalLocation/artifactLocation/uri").asText()
                    .substring("repo/".length());
            FileRewrite rewrite = result.files().stream().filter(file -> file.relativePath().equals(path))
                    .findFirst().orElseThrow();
            assertThat(apply(rewrite.original(), entry.at("/fixes/0"))).isEqualTo(rewrite.rewritten());
        }
        assertThat(changes).isEqualTo(result.files().size()).isEqualTo(2);
        JsonNode rules = log.at("/runs/0/tool/driver/rules");
        assertThat(rules.findValuesAsText("id")).contains(RewriteSarif.CHANGE);
    }

    @Test
    void aDeletedFileIsAResultWithoutAFixThatSaysToDeleteIt() throws Exception {
        JsonNode log = sarifOf("manifest-deployment-basic");
        List<String> deleted = new ArrayList<>();
        List<String> edited = new ArrayList<>();
        for (JsonNode entry : log.at("/runs/0/results")) {
            if (entry.get("ruleId").asText().equals(RewriteSarif.CHANGE)) {
                String uri = entry.at("/locations/0/physicalLocation/artifactLocation/uri").asText();
                if (entry.has("fixes")) {
                    edited.add(uri);
                } else {
                    assertThat(entry.at("/message/text").asText()).contains("deleted");
                    deleted.add(uri);
                }
            }
        }
        assertThat(deleted).containsExactly("repo/" + Files.readString(CORPUS.resolve(
                "manifest-deployment-basic/deleted.txt")).strip());
        assertThat(edited).isNotEmpty().doesNotContainAnyElementsOf(deleted);
    }

    /** Applies a SARIF fix's replacements (1-based lines and columns, end exclusive) to a text. */
    private static String apply(String text, JsonNode fix) {
        List<int[]> ranges = new ArrayList<>();
        List<String> inserted = new ArrayList<>();
        LineNumbers lines = new LineNumbers(text);
        for (JsonNode replacement : fix.at("/artifactChanges/0/replacements")) {
            JsonNode region = replacement.get("deletedRegion");
            ranges.add(new int[] {lines.offset(region.get("startLine").asInt(), region.get("startColumn").asInt()),
                lines.offset(region.get("endLine").asInt(), region.get("endColumn").asInt())});
            inserted.add(replacement.at("/insertedContent/text").asText());
        }
        StringBuilder out = new StringBuilder(text);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Integer.compare(ranges.get(b)[0], ranges.get(a)[0]));
        for (int i : order) {
            out.replace(ranges.get(i)[0], ranges.get(i)[1], inserted.get(i));
        }
        return out.toString();
    }
}
