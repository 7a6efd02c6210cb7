package io.wimigrate.cli;

import static io.wimigrate.scanner.FileTrees.copy;
import static io.wimigrate.scanner.FileTrees.files;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RewriteCommandTest {

    private static final Path EXAMPLE = Cli.PROJECT_ROOT.resolve("examples/repo");
    /** Only the files the rewrite of the example changes, at the same relative paths. */
    private static final Path EXPECTED = Cli.PROJECT_ROOT.resolve("examples/expected/repo");
    /** The files the rewrite of the example deletes, one path a line. */
    private static final Path EXPECTED_DELETED = Cli.PROJECT_ROOT.resolve("examples/expected/repo-deleted.txt");
    private static final String PLAN = "examples/expected/plan.yaml";
    private static final boolean UPDATE = Boolean.getBoolean("wimigrate.update-golden");

    @TempDir
    Path temp;

    @Test
    void examplePatchAppliesWithGitAndGivesTheExpectedFiles() throws Exception {
        Path patch = temp.resolve("x.patch");
        Cli run = Cli.inProject("rewrite", "--repo", "examples/repo", "--patch", patch.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("pom.xml").contains("src/main/java/com/contoso/payments/storage/BlobStorageConfig.java")
                .containsPattern("deploy/azureidentity.yaml +deleted");

        Path tree = copy(EXAMPLE, temp.resolve("tree"));
        git(tree, "init", "-q");
        git(tree, "apply", "--check", patch.toString());
        git(tree, "apply", patch.toString());

        List<String> deleted = files(EXAMPLE).stream().filter(path -> !Files.exists(tree.resolve(path))).toList();
        List<String> changed = files(EXAMPLE).stream().filter(path -> Files.exists(tree.resolve(path)))
                .filter(path -> !sameBytes(EXAMPLE, tree, path)).toList();
        if (UPDATE) {
            for (String path : changed) {
                Files.createDirectories(EXPECTED.resolve(path).getParent());
                Files.copy(tree.resolve(path), EXPECTED.resolve(path), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.writeString(EXPECTED_DELETED, deleted.stream().map(path -> path + "\n").collect(Collectors.joining()));
        }
        assertThat(changed).isEqualTo(files(EXPECTED)).isNotEmpty();
        assertThat(deleted).isEqualTo(expectedDeleted());
        for (String path : changed) {
            assertThat(Files.readString(tree.resolve(path))).as(path).isEqualTo(Files.readString(EXPECTED.resolve(path)));
        }
    }

    @Test
    void withThePlanTheWorkloadGetsItsOwnServiceAccountAndASecondRunHasNothingLeft() throws Exception {
        Path tree = copy(EXAMPLE, temp.resolve("tree"));
        Path plan = Files.copy(Cli.PROJECT_ROOT.resolve(PLAN), temp.resolve("plan.yaml"));
        Path patch = temp.resolve("x.patch");
        Cli run = Cli.run(temp, "rewrite", "--repo", "tree", "--plan", "plan.yaml", "--patch", patch.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(Files.readString(patch))
                .contains("-      serviceAccountName: payments\n+      serviceAccountName: payments-api\n")
                .contains("+kind: ServiceAccount\n+metadata:\n+  name: payments-api\n+  namespace: payments\n"
                        + "+  labels:\n+    wimigrate.io/workload: payments-api\n")
                .contains("+    azure.workload.identity/tenant-id: 3f9a2c7e-5b14-4d8e-9c61-0e7b2d4a8f35\n")
                .doesNotContain("b/deploy/serviceaccount.yaml");
        git(tree, "init", "-q");
        git(tree, "apply", "--check", patch.toString());
        git(tree, "apply", patch.toString());

        Cli second = Cli.run(temp, "rewrite", "--repo", "tree", "--plan", plan.toString());
        assertThat(second.exitCode()).as(second.err()).isEqualTo(ExitCode.OK);
        assertThat(second.out()).isEmpty();
        assertThat(second.err()).contains("rewrite: 0 file(s) to change");
    }

    @Test
    void aPlanThatDoesNotReadIsBadInput() throws Exception {
        Files.writeString(temp.resolve("plan.yaml"), "kind: MigrationPlan\n");
        Cli run = Cli.run(temp, "rewrite", "--repo", ".", "--plan", "plan.yaml");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("plan.yaml");
    }

    private static List<String> expectedDeleted() throws IOException {
        return Files.readAllLines(EXPECTED_DELETED).stream().filter(line -> !line.isBlank()).toList();
    }

    @Test
    void defaultPrintsTheDiffAndChangesNothing() throws Exception {
        Path tree = copy(EXAMPLE, temp.resolve("tree"));
        Cli run = Cli.run(temp, "rewrite", "--repo", "tree");
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("diff --git a/pom.xml b/pom.xml\n")
                .contains("+        DefaultAzureCredential credential = new DefaultAzureCredentialBuilder().build();\n")
                .contains("-        aadpodidbinding: payments-api\n+        azure.workload.identity/use: \"true\"\n")
                .doesNotContain("LedgerArchiveClientFactory");
        assertThat(run.err()).contains("rewrite: " + (files(EXPECTED).size() + expectedDeleted().size())
                + " file(s) to change").contains("manifest-without-plan");
        for (String path : files(EXAMPLE)) {
            assertThat(sameBytes(EXAMPLE, tree, path)).as(path).isTrue();
        }
    }

    @Test
    void writeChangesInPlaceAndASecondRunHasNothingLeft() throws Exception {
        Path tree = copy(EXAMPLE, temp.resolve("tree"));
        Cli first = Cli.run(temp, "rewrite", "--repo", "tree", "--write");
        assertThat(first.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(first.err()).contains("rewrite: " + (files(EXPECTED).size() + expectedDeleted().size())
                + " file(s) changed");
        for (String path : files(EXPECTED)) {
            assertThat(Files.readString(tree.resolve(path))).as(path).isEqualTo(Files.readString(EXPECTED.resolve(path)));
        }
        for (String path : expectedDeleted()) {
            assertThat(tree.resolve(path)).doesNotExist();
        }
        Cli second = Cli.run(temp, "rewrite", "--repo", "tree");
        assertThat(second.out()).isEmpty();
        assertThat(second.err()).contains("rewrite: 0 file(s) to change");
    }

    @Test
    void notesNeverQuoteSourceTextAndJsonListsThem() throws Exception {
        Path tree = Files.createDirectories(temp.resolve("tree/src"));
        Files.writeString(tree.resolve("Legacy.java"), """
                import com.microsoft.aad.msal4j.ClientCredentialFactory;
                import com.azure.identity.ClientSecretCredentialBuilder;

                class Legacy {
                    Object msal() {
                        return ClientCredentialFactory.createFromSecret("hunter2-not-a-real-secret");
                    }

                    Object sp(String clientId) {
                        return new ClientSecretCredentialBuilder().clientId(clientId).tenantId("t")
                                .clientSecret("hunter2-not-a-real-secret").build();
                    }
                }
                """);
        Path patch = temp.resolve("out.patch");
        Cli table = Cli.run(temp, "rewrite", "--repo", "tree", "--patch", patch.toString());
        Cli json = Cli.run(temp, "rewrite", "--repo", "tree", "--patch", patch.toString(), "-o", "json");
        for (Cli run : List.of(table, json)) {
            assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
            assertThat(run.out() + run.err()).doesNotContain("hunter2");
        }
        assertThat(table.out()).contains("src/Legacy.java:6:16").contains("java-msal4j-secret");
        JsonNode document = new ObjectMapper().readTree(json.out());
        assertThat(document.get("files").get(0).get("path").asText()).isEqualTo("src/Legacy.java");
        assertThat(document.get("notes")).extracting(note -> note.get("code").asText())
                .contains("java-msal4j-secret", "java-client-id", "secret-in-source");
        // The change would show the literal on a removed line: it is left out of the patch, made by --write only.
        assertThat(Files.readString(patch)).doesNotContain("hunter2").doesNotContain("Legacy.java");
        Cli write = Cli.run(temp, "rewrite", "--repo", "tree", "--write");
        assertThat(write.out() + write.err()).doesNotContain("hunter2");
        assertThat(Files.readString(tree.resolve("Legacy.java")))
                .contains("return new DefaultAzureCredentialBuilder().build();");
    }

    @Test
    void sarifListsTheChangesAndTheOtherLanguagesFindingsWithTheirFixes() throws Exception {
        Cli run = Cli.inProject("rewrite", "--repo", "examples/repo", "-o", "sarif");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);

        JsonNode log = new ObjectMapper().readTree(run.out());
        assertThat(log.get("version").asText()).isEqualTo("2.1.0");
        JsonNode results = log.at("/runs/0/results");
        assertThat(results.findValuesAsText("ruleId")).contains("rewrite-change", "python-credential");
        JsonNode python = null;
        for (JsonNode result : results) {
            if (result.get("ruleId").asText().equals("python-credential")) {
                python = result;
            }
        }
        assertThat(python.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("examples/repo/scripts/reconcile.py");
        assertThat(python.at("/fixes/0/artifactChanges/0/replacements").findValuesAsText("text"))
                .contains("DefaultAzureCredential()");
    }

    @Test
    void badInputExitsWithTwo() {
        assertThat(Cli.run(temp, "rewrite", "--repo", "missing").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(Cli.run(temp, "rewrite", "--repo", ".", "--write", "--patch", "x.patch").exitCode())
                .isEqualTo(ExitCode.USAGE);
        assertThat(Cli.run(temp, "rewrite", "--repo", ".", "--patch", "no/such/dir/x.patch").exitCode())
                .isEqualTo(ExitCode.USAGE);
    }

    private static boolean sameBytes(Path left, Path right, String path) {
        try {
            return Arrays.equals(Files.readAllBytes(left.resolve(path)), Files.readAllBytes(right.resolve(path)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void git(Path directory, String... arguments) throws IOException, InterruptedException {
        List<String> command = Stream.concat(Stream.of("git"), Stream.of(arguments)).toList();
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("%s: %s", command, output).isZero();
    }
}
