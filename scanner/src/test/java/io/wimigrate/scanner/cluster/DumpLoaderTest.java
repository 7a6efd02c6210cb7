package io.wimigrate.scanner.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.wimigrate.scanner.BadInputException;
import io.wimigrate.scanner.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpLoaderTest {

    @TempDir
    Path dir;

    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: %s, namespace: ns}
            spec: {containers: [{name: c, image: i}]}
            """;

    private ClusterSnapshot load(boolean readSecrets) {
        return new DumpLoader(readSecrets).load(dir, "dump", Progress.NONE);
    }

    private void write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void readsMultiDocumentYamlListsAndJsonInSortedFileOrder() throws IOException {
        write("b/pods.yaml", POD.formatted("b1") + "---\n" + POD.formatted("b2") + "---\n");
        write("a.yml", """
                apiVersion: v1
                kind: PodList
                items:
                - {apiVersion: v1, kind: Pod, metadata: {name: a1, namespace: ns}}
                - {apiVersion: apps/v1, kind: Deployment, metadata: {name: a2, namespace: ns}}
                """);
        write("c.json", """
                {"apiVersion": "v1", "kind": "List", "items": [
                  {"apiVersion": "aadpodidentity.k8s.io/v1", "kind": "AzureIdentity",
                   "metadata": {"name": "c1", "namespace": "ns"}, "spec": {"type": 0}}]}
                """);
        write("notes.txt", "kind: Pod\nthis is not read");
        write("d.yaml.bak", "not: read");

        ClusterSnapshot snapshot = load(false);

        assertThat(snapshot.objects()).extracting(o -> o.getMetadata().getName())
                .containsExactly("a1", "a2", "b1", "b2", "c1");
        assertThat(snapshot.objects().get(0)).isInstanceOf(Pod.class);
        assertThat(snapshot.objects().get(1)).isInstanceOf(Deployment.class);
        assertThat(snapshot.objects().get(4)).isInstanceOf(GenericKubernetesResource.class);
        assertThat(snapshot.name()).isEqualTo("dump");
    }

    @Test
    void recognisesTheOidcDiscoveryDocumentUnderAnyName() throws IOException {
        write("raw/discovery.json", """
                {"issuer": "https://issuer.example.test/abc/", "jwks_uri": "https://issuer.example.test/abc/jwks"}
                """);

        assertThat(load(false).oidcIssuer()).isEqualTo("https://issuer.example.test/abc/");
    }

    @Test
    void malformedYamlNamesFileAndLine() throws IOException {
        write("ok.yaml", POD.formatted("fine"));
        write("sub/broken.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\n  namespace: x\n");

        assertThatThrownBy(() -> load(false)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("sub/broken.yaml:")
                .hasMessageContaining("malformed YAML")
                .hasMessageMatching("sub/broken\\.yaml:[4-6]:\\d+: .*");
    }

    @Test
    void malformedJsonNamesFileAndLine() throws IOException {
        write("bad.json", "{\n  \"kind\": \"Pod\",\n  \"apiVersion\": v1\n}");

        assertThatThrownBy(() -> load(false)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("bad.json:3:").hasMessageContaining("malformed JSON");
    }

    @Test
    void syntaxErrorsNeverQuoteTheOffendingToken() throws IOException {
        write("secret.json", "{\"kind\": \"Secret\", \"apiVersion\": \"v1\", \"data\": {\"k\": hunter2token}}");

        assertThatThrownBy(() -> load(false)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("secret.json:1:").hasMessageNotContaining("hunter2token");
    }

    @Test
    void binaryFileNamedYamlIsRejected() throws IOException {
        Files.write(dir.resolve("image.yaml"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1, 2});

        assertThatThrownBy(() -> load(false)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("image.yaml").hasMessageContaining("binary");
    }

    @Test
    void undecodableTextIsRejected() throws IOException {
        Files.write(dir.resolve("latin1.yaml"), "name: caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> load(false)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("latin1.yaml").hasMessageContaining("not UTF-8");
    }

    @Test
    void unreadableFileIsRejected() throws IOException {
        Files.createSymbolicLink(dir.resolve("x.yaml"), dir.resolve("gone.yaml"));

        assertThatThrownBy(() -> load(false)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("cannot read x.yaml");
    }

    @Test
    void documentWithoutKindNamesItsIndex() throws IOException {
        write("mixed.yaml", POD.formatted("first") + "---\nmetadata: {name: second}\n");

        assertThatThrownBy(() -> load(false)).isInstanceOf(BadInputException.class)
                .hasMessage("mixed.yaml: document 2 has no kind/apiVersion: not a Kubernetes object");
    }

    @Test
    void missingDirectoryIsBadInput() {
        assertThatThrownBy(() -> new DumpLoader(false).load(dir.resolve("nope"), "x", Progress.NONE))
                .isInstanceOf(BadInputException.class).hasMessageContaining("nope");
    }

    private static final String SECRET = """
            apiVersion: v1
            kind: Secret
            metadata: {name: creds, namespace: apps}
            data:
              clientSecret: c3VwZXItc2VjcmV0LXZhbHVl
            stringData:
              note: plain-text-value
            """;

    @Test
    void secretsAreDroppedUnlessOptedIn() throws IOException {
        write("secret.yaml", SECRET + "---\n" + POD.formatted("p"));

        ClusterSnapshot snapshot = load(false);

        assertThat(snapshot.objects()).extracting(HasMetadata::getKind).containsExactly("Pod");
        assertThat(snapshot.secretsRead()).isFalse();
        assertThat(snapshot.toString()).doesNotContain("c3VwZXItc2VjcmV0LXZhbHVl", "plain-text-value");
    }

    @Test
    void optedInSecretsKeepKeyNamesAndLengthsOnly() throws IOException {
        write("secret.yaml", SECRET);

        ClusterSnapshot snapshot = load(true);

        assertThat(snapshot.objects()).isEmpty();
        assertThat(snapshot.secrets()).singleElement().satisfies(s -> {
            assertThat(s.namespace()).isEqualTo("apps");
            assertThat(s.keyLengths()).containsEntry("clientSecret", "super-secret-value".length())
                    .containsEntry("note", "plain-text-value".length());
        });
        assertThat(snapshot.toString()).doesNotContain("c3VwZXItc2VjcmV0LXZhbHVl", "super-secret-value",
                "plain-text-value");
    }
}
