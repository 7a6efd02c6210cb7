package io.wimigrate.scanner.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.wimigrate.scanner.Progress;
import io.wimigrate.scanner.model.ClusterInventory;
import io.wimigrate.scanner.model.Diagnostic;
import io.wimigrate.scanner.model.ObjectRef;
import io.wimigrate.scanner.model.ScanOutcome;
import io.wimigrate.scanner.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient
class LiveClusterReaderTest {

    static KubernetesMockServer server;
    static KubernetesClient client;

    private static String pod(String namespace, String name, String selector) {
        return """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","namespace":"%s","uid":"%s",
                 "labels":{"aadpodidbinding":"%s"}},"spec":{"containers":[{"name":"c","image":"i"}]}}
                """.formatted(name, namespace, "uid-" + name, selector);
    }

    private static String list(String kind, String continueToken, String... items) {
        String metadata = continueToken == null ? "{}" : "{\"continue\":\"" + continueToken + "\"}";
        return "{\"apiVersion\":\"v1\",\"kind\":\"" + kind + "\",\"metadata\":" + metadata + ",\"items\":["
                + String.join(",", items) + "]}";
    }

    private static final String FORBIDDEN = """
            {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Forbidden","code":403,
             "message":"pods is forbidden: User \\"scanner\\" cannot list resource \\"pods\\" in API group \\"\\""}
            """;

    private List<RecordedRequest> requests() throws InterruptedException {
        List<RecordedRequest> requests = new ArrayList<>();
        for (RecordedRequest r; (r = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null; ) {
            requests.add(r);
        }
        return requests;
    }

    @Test
    void followsContinueTokensAndNeverGetsSingleObjects() throws InterruptedException {
        server.expect().get().withPath("/api/v1/namespaces/kube-system").andReturn(200,
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"kube-system\","
                        + "\"uid\":\"ks-uid\"}}").once();
        server.expect().get().withPath("/.well-known/openid-configuration").andReturn(200,
                "{\"issuer\":\"https://127.0.0.1:6443\",\"jwks_uri\":\"https://127.0.0.1:6443/openid/v1/jwks\"}")
                .once();
        server.expect().get().withPath("/api/v1/pods?limit=500")
                .andReturn(200, list("PodList", "page-2", pod("payments", "web-1", "sel"))).once();
        server.expect().get().withPath("/api/v1/pods?continue=page-2&limit=500")
                .andReturn(200, list("PodList", null, pod("shop", "cart-1", "sel"))).once();
        server.expect().get().withPath("/apis/aadpodidentity.k8s.io/v1/azureidentitybindings?limit=500")
                .andReturn(200, list("AzureIdentityBindingList", null, """
                        {"metadata":{"name":"b","namespace":"identity"},
                         "spec":{"azureIdentity":"id","selector":"sel"}}""")).once();
        server.expect().get().withPath("/apis/aadpodidentity.k8s.io/v1/azureidentities?limit=500")
                .andReturn(200, list("AzureIdentityList", null, """
                        {"apiVersion":"aadpodidentity.k8s.io/v1","kind":"AzureIdentity",
                         "metadata":{"name":"id","namespace":"identity"},"spec":{"type":0,"clientID":"c"}}"""))
                .once();
        List<String> progress = new ArrayList<>();

        ScanOutcome<ClusterInventory> outcome = new ClusterScanner().scanLive(client, "kind-test", Set.of(), false,
                (task, done, total) -> progress.add(task + " " + done + "/" + total));

        ClusterInventory inventory = outcome.value();
        assertThat(inventory.name()).isEqualTo("kind-test");
        assertThat(inventory.kubeSystemUid()).isEqualTo("ks-uid");
        assertThat(inventory.oidcIssuer()).isEqualTo("https://127.0.0.1:6443");
        assertThat(inventory.workloads()).extracting(w -> w.ref().display())
                .containsExactly("Pod/payments/web-1", "Pod/shop/cart-1");
        assertThat(inventory.workloads().get(0).identities()).singleElement()
                .satisfies(b -> assertThat(b.identity()).extracting(ObjectRef::name).isEqualTo("id"));
        assertThat(progress).contains("list pods 1/-1", "list pods 2/-1", "list pods 2/2");
        assertThat(outcome.diagnostics()).noneMatch(d -> d.severity() == Severity.ERROR);

        List<String> paths = requests().stream().map(RecordedRequest::getPath).toList();
        assertThat(paths).contains("/api/v1/pods?limit=500", "/api/v1/pods?continue=page-2&limit=500");
        assertThat(paths).filteredOn(p -> !p.equals("/api/v1/namespaces/kube-system")
                        && !p.equals("/.well-known/openid-configuration"))
                .allMatch(p -> p.contains("limit=500"), "every other request is a paginated LIST");
        assertThat(paths).noneMatch(p -> p.matches(".*/(pods|azureidentities)/[^/?]+(\\?.*)?"));
    }

    @Test
    void forbiddenKindBecomesADiagnosticAndTheRestIsStillScanned() {
        server.expect().get().withPath("/api/v1/namespaces/payments/pods?limit=500").andReturn(403, FORBIDDEN)
                .once();
        server.expect().get().withPath("/api/v1/namespaces/shop/pods?limit=500")
                .andReturn(200, list("PodList", null, pod("shop", "cart-1", "sel"))).once();
        server.expect().get().withPath("/apis/apps/v1/namespaces/payments/deployments?limit=500")
                .andReturn(200, list("DeploymentList", null, """
                        {"metadata":{"name":"web","namespace":"payments"},"spec":{"template":{
                         "metadata":{"labels":{"aadpodidbinding":"sel"}},
                         "spec":{"containers":[{"name":"c","image":"i"}]}}}}""")).once();
        server.expect().get().withPath("/.well-known/openid-configuration").andReturn(403,
                FORBIDDEN).once();

        ScanOutcome<ClusterInventory> outcome = new ClusterScanner().scanLive(client, "prod",
                Set.of("payments", "shop"), false, Progress.NONE);

        assertThat(outcome.diagnostics()).filteredOn(d -> d.severity() == Severity.ERROR).singleElement()
                .satisfies(d -> {
                    assertThat(d.source()).isEqualTo("prod");
                    assertThat(d.subject()).isEqualTo("pods");
                    assertThat(d.message()).isEqualTo("forbidden: cannot list pods in namespace \"payments\""
                            + " (verb list, resource pods, group core) — grant list on pods");
                });
        assertThat(outcome.diagnostics()).filteredOn(d -> d.subject().equals("/.well-known/openid-configuration"))
                .singleElement().satisfies(d -> {
                    assertThat(d.severity()).isEqualTo(Severity.WARNING);
                    assertThat(d.message()).startsWith("forbidden: cannot get /.well-known/openid-configuration");
                });
        assertThat(outcome.value().oidcIssuer()).isNull();
        assertThat(outcome.value().workloads()).extracting(w -> w.ref().display())
                .containsExactly("Deployment/payments/web", "Pod/shop/cart-1");
    }

    @Test
    void missingPodIdentityCrdsAreNotAnError() {
        ScanOutcome<ClusterInventory> outcome = new ClusterScanner().scanLive(client, "empty", Set.of(), false,
                Progress.NONE);

        assertThat(outcome.diagnostics()).map(Diagnostic::subject)
                .noneMatch(s -> s.endsWith(PodIdentityObjects.GROUP));
        assertThat(outcome.value().azureIdentities()).isEmpty();
    }

    @Test
    void optedInSecretsAreReducedToKeyNamesAndLengths() {
        server.expect().get().withPath("/api/v1/secrets?limit=500").andReturn(200, list("SecretList", null, """
                {"metadata":{"name":"creds","namespace":"apps"},
                 "data":{"AZURE_CLIENT_SECRET":"dG9wLXNlY3JldC12YWx1ZQ=="}}""")).once();

        ClusterSnapshot snapshot = new LiveClusterReader(client, "ctx", Set.of(), true, Progress.NONE).read();

        assertThat(snapshot.objects()).map(HasMetadata::getKind).doesNotContain("Secret");
        assertThat(snapshot.secrets()).singleElement().satisfies(s -> assertThat(s.keyLengths())
                .containsExactlyEntriesOf(java.util.Map.of("AZURE_CLIENT_SECRET", "top-secret-value".length())));
        assertThat(snapshot.toString()).doesNotContain("dG9wLXNlY3JldC12YWx1ZQ==", "top-secret-value");
    }

    @Test
    void secretsAreNotListedUnlessOptedIn() throws InterruptedException {
        requests();
        new LiveClusterReader(client, "ctx", Set.of(), false, Progress.NONE).read();

        assertThat(requests()).map(RecordedRequest::getPath).noneMatch(p -> p.contains("secrets"));
    }
}
