package io.wimigrate.scanner.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.scanner.Progress;
import io.wimigrate.scanner.model.ClusterInventory;
import io.wimigrate.scanner.model.ObjectRef;
import io.wimigrate.scanner.model.ScanOutcome;
import io.wimigrate.scanner.model.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cases small enough to read inline. */
class AnalyzerEdgeCasesTest {

    @TempDir
    Path dir;

    private ScanOutcome<ClusterInventory> scan(String yaml) throws IOException {
        Files.writeString(dir.resolve("objects.yaml"), yaml);
        return new ClusterScanner().scanDump(dir, "edge", false, Progress.NONE);
    }

    @Test
    void ownerMissingFromTheSnapshotIsStillTheTopLevel() throws IOException {
        ScanOutcome<ClusterInventory> outcome = scan("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web-abc-1
                  namespace: ns
                  labels: {aadpodidbinding: web}
                  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-abc, uid: u1, controller: true}]
                spec: {serviceAccountName: web, containers: [{name: c, image: i}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web-abc-2
                  namespace: ns
                  labels: {aadpodidbinding: web}
                  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-abc, uid: u1, controller: true}]
                spec: {serviceAccountName: web, containers: [{name: c, image: i}]}
                """);

        assertThat(outcome.value().workloads()).singleElement().satisfies(w -> {
            assertThat(w.ref().display()).isEqualTo("ReplicaSet/ns/web-abc");
            assertThat(w.pods()).extracting(ObjectRef::name).containsExactly("web-abc-1", "web-abc-2");
            assertThat(w.serviceAccount()).isEqualTo("web");
            assertThat(w.ownership()).isNull();
        });
    }

    @Test
    void unknownIdentityTypeIsADiagnosticNotACrash() throws IOException {
        ScanOutcome<ClusterInventory> outcome = scan("""
                apiVersion: aadpodidentity.k8s.io/v1
                kind: AzureIdentity
                metadata: {name: odd, namespace: ns}
                spec: {type: 7, clientID: c}
                """);

        assertThat(outcome.value().azureIdentities()).singleElement()
                .satisfies(i -> assertThat(i.type()).isNull());
        assertThat(outcome.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.WARNING);
            assertThat(d.source()).isEqualTo("edge");
            assertThat(d.subject()).isEqualTo("AzureIdentity/ns/odd");
        });
    }

    @Test
    void webhookIsRecognisedByItsObjectSelectorUnderAnyName() throws IOException {
        ScanOutcome<ClusterInventory> outcome = scan("""
                apiVersion: admissionregistration.k8s.io/v1
                kind: MutatingWebhookConfiguration
                metadata: {name: wi-custom}
                webhooks:
                - name: mutation.azure-workload-identity.io
                  objectSelector:
                    matchExpressions: [{key: azure.workload.identity/use, operator: In, values: ["true"]}]
                  clientConfig: {service: {name: svc, namespace: wi-system}}
                ---
                apiVersion: admissionregistration.k8s.io/v1
                kind: MutatingWebhookConfiguration
                metadata: {name: other}
                webhooks:
                - name: other.example.com
                  clientConfig: {service: {name: svc, namespace: other}}
                """);

        assertThat(outcome.value().webhook().configuration().name()).isEqualTo("wi-custom");
        assertThat(outcome.value().webhook().namespace()).isEqualTo("wi-system");
    }

    @Test
    void excludedWorkloadsAreNotInTheInventory() throws IOException {
        ScanOutcome<ClusterInventory> outcome = scan("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: plain, namespace: ns}
                spec:
                  template:
                    metadata: {labels: {app: plain}}
                    spec:
                      containers:
                      - name: c
                        image: i
                        env: [{name: AZURE_CLIENT_ID, value: "not-a-secret"}]
                """);

        assertThat(outcome.value().workloads()).isEmpty();
        assertThat(outcome.value().serviceAccounts()).isEmpty();
    }
}
