package io.wimigrate.scanner.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wimigrate.scanner.BadInputException;
import io.wimigrate.scanner.model.Finding;
import io.wimigrate.scanner.model.Location;
import io.wimigrate.scanner.model.RepoInventory;
import io.wimigrate.scanner.model.Rule;
import io.wimigrate.scanner.model.ScanOutcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoScannerTest {

    private static final String CANARY = "CANARY-7f3a9c";

    @TempDir
    Path root;

    /** A small repository where the canary sits wherever a secret could: literals, values, broken files. */
    private void plantRepository() {
        new DetectorRun(root)
                .write(".gitignore", "target/\n")
                .write("target/Generated.java", "class Generated { Object c = new com.azure.identity"
                        + ".ClientSecretCredentialBuilder(); }\n")
                .write("src/main/java/app/Auth.java", """
                        package app;

                        import com.azure.identity.ClientSecretCredentialBuilder;

                        class Auth {
                            Object credential() {
                                return new ClientSecretCredentialBuilder()
                                        .clientSecret("%s")
                                        .build();
                            }
                        }
                        """.formatted(CANARY))
                .write("src/main/java/app/Broken.java", """
                        import com.azure.identity.ClientSecretCredentialBuilder;
                        class Broken { String s = "%s" +; }
                        """.formatted(CANARY))
                .write("src/main/resources/application.properties",
                        "spring.cloud.azure.credential.client-secret=" + CANARY + "\n")
                .write("pom.xml", """
                        <project><dependencies><dependency>
                          <groupId>com.azure</groupId><artifactId>azure-identity</artifactId><version>1.8.0</version>
                        </dependency></dependencies></project>
                        """)
                .write("k8s/deploy.yaml", """
                        apiVersion: v1
                        kind: Pod
                        metadata: {name: p, labels: {aadpodidbinding: p}}
                        spec:
                          containers:
                            - name: c
                              env:
                                - {name: AZURE_CLIENT_SECRET, value: "%s"}
                        """.formatted(CANARY))
                .write("k8s/broken.yaml", "kind: Pod\nenv: [{name: AZURE_CLIENT_SECRET, value: \"%s\"\n"
                        .formatted(CANARY))
                .write("chart/Chart.yaml", "apiVersion: v2\nname: c\nversion: 1.0.0\n")
                .write("chart/values.yaml", "clientSecret: " + CANARY + "\n")
                .write("chart/templates/secret.yaml", "stringData:\n  AZURE_CLIENT_SECRET: " + CANARY + "\n");
    }

    @Test
    void canaryNeverReachesFindingsOrDiagnostics() throws Exception {
        plantRepository();

        ScanOutcome<RepoInventory> outcome = new RepoScanner().scan(root, "./repo", io.wimigrate.scanner.Progress.NONE);

        assertThat(outcome.findings()).extracting(Finding::rule).contains(
                Rule.JAVA_CLIENT_SECRET_CREDENTIAL.id(), Rule.SPRING_CREDENTIAL_CONFIG.id(),
                Rule.MANIFEST_SP_SECRET_REFERENCE.id(), Rule.HELM_TEMPLATE_POD_IDENTITY.id());
        assertThat(outcome.diagnostics()).extracting(d -> d.subject().replaceAll(":.*", ""))
                .contains("./repo/src/main/java/app/Broken.java", "./repo/k8s/broken.yaml");
        String json = new ObjectMapper().writeValueAsString(outcome);
        assertThat(json).doesNotContain(CANARY).doesNotContain("7f3a9c");
    }

    @Test
    void outcomeIsSortedDeterministicAndUnderTheDisplayRoot() {
        plantRepository();
        List<String> progress = new ArrayList<>();

        ScanOutcome<RepoInventory> first = new RepoScanner()
                .scan(root, "./repo", (task, done, total) -> progress.add(task + " " + done + "/" + total));
        ScanOutcome<RepoInventory> second = new RepoScanner().scan(root, "./repo", io.wimigrate.scanner.Progress.NONE);

        assertThat(first).isEqualTo(second);
        assertThat(first.findings()).isSorted();
        assertThat(first.diagnostics()).isSorted();
        assertThat(first.findings()).extracting(f -> ((Location.InFile) f.location()).root()).containsOnly("./repo");
        assertThat(first.findings()).extracting(f -> ((Location.InFile) f.location()).path())
                .doesNotContain("target/Generated.java");
        assertThat(first.value().root()).isEqualTo("./repo");
        assertThat(first.value().filesScanned()).isEqualTo(10);
        assertThat(first.value().dependencies()).singleElement()
                .satisfies(d -> assertThat(d.supportsWorkloadIdentity()).isFalse());
        assertThat(progress).isNotEmpty().allSatisfy(p -> assertThat(p).startsWith("repo ./repo "));
        assertThat(progress.get(progress.size() - 1)).isEqualTo("repo ./repo 10/10");
    }

    @Test
    void aDetectorThatFailsOnAFileCostsOnlyThatFile() {
        new DetectorRun(root)
                .write("k8s/deep.yaml", "aadpodidbinding: " + "[".repeat(200_000) + "\n")
                .write("k8s/pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {labels: {aadpodidbinding: a}}\n");

        ScanOutcome<RepoInventory> outcome = new RepoScanner().scan(root, "r", io.wimigrate.scanner.Progress.NONE);

        assertThat(outcome.findings()).extracting(DetectorRun::line).containsExactly("k8s/pod.yaml:3");
        assertThat(outcome.diagnostics()).singleElement()
                .satisfies(d -> assertThat(d.subject()).startsWith("r/k8s/deep.yaml"));
    }

    @Test
    void missingRootIsBadInput() {
        assertThatThrownBy(() -> new RepoScanner().scan(root.resolve("nope"), "nope", io.wimigrate.scanner.Progress.NONE))
                .isInstanceOf(BadInputException.class);
    }
}
