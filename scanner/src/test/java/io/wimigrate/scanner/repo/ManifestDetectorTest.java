package io.wimigrate.scanner.repo;

import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.scanner.model.Rule;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestDetectorTest {

    @TempDir
    Path root;

    @Test
    void multiDocumentWithPodIdentityObjectsLabelAndSecretEnv() {
        ScanReport report = new DetectorRun(root).write("k8s/app.yaml", """
                apiVersion: aadpodidentity.k8s.io/v1
                kind: AzureIdentity
                metadata:
                  name: app-identity
                spec:
                  Type: 1
                  ClientID: 00000000-0000-0000-0000-000000000000
                  ClientPassword: {name: app-sp, namespace: default}
                ---
                apiVersion: aadpodidentity.k8s.io/v1
                kind: AzureIdentityBinding
                metadata: {name: app-binding}
                spec: {azureIdentity: app-identity, selector: app}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: app
                spec:
                  selector:
                    matchLabels: {app: app}
                  template:
                    metadata:
                      labels:
                        app: app
                        aadpodidbinding: app
                    spec:
                      containers:
                        - name: app
                          image: app:1
                          env:
                            - name: AZURE_CLIENT_SECRET
                              valueFrom:
                                secretKeyRef: {name: app-sp, key: clientSecret}
                            - name: AZURE_CLIENT_ID
                              value: "id"
                """).run(new ManifestDetector(), "k8s/app.yaml");

        assertThat(DetectorRun.lines(report)).containsExactly(
                "manifest-pod-identity-object@k8s/app.yaml:1",
                "manifest-pod-identity-object@k8s/app.yaml:10",
                "manifest-pod-identity-label@k8s/app.yaml:26",
                "manifest-sp-secret-reference@k8s/app.yaml:32");
        assertThat(report.findings().get(0).evidence()).containsEntry("kind", "AzureIdentity")
                .containsEntry("identityType", "1").containsEntry("fields", "ClientID,ClientPassword,Type");
        assertThat(report.findings().get(2).evidence())
                .containsEntry("path", "spec.template.metadata.labels.aadpodidbinding");
        assertThat(report.findings().get(3).evidence()).containsEntry("source", "secretKeyRef")
                .containsEntry("env", "AZURE_CLIENT_SECRET");
    }

    @Test
    void listAnchorsFlowStyleLiteralValuesAndSecretVolumes() {
        ScanReport report = new DetectorRun(root).write("k8s/list.yml", """
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: v1
                    kind: Pod
                    metadata:
                      name: worker
                      labels: &podLabels {aadpodidbinding: worker, tier: back}
                    spec:
                      containers:
                        - name: w
                          env:
                            - {name: AZURE_CLIENT_SECRET, value: "CANARY-7f3a9c"}
                            - name: AZURE_CLIENT_CERTIFICATE_PATH
                              value: /var/sp/cert.pem
                          volumeMounts:
                            - {name: sp, mountPath: /var/sp}
                      volumes:
                        - name: sp
                          secret: {secretName: sp-cert}
                  - apiVersion: batch/v1
                    kind: Job
                    metadata: {name: once}
                    spec:
                      template:
                        metadata:
                          labels:
                            <<: *podLabels
                        spec:
                          containers: [{name: j, image: j}]
                """).run(new ManifestDetector(), "k8s/list.yml");

        assertThat(DetectorRun.lines(report)).containsExactly(
                "manifest-pod-identity-label@k8s/list.yml:8",
                "manifest-pod-identity-label@k8s/list.yml:8",
                "manifest-sp-secret-reference@k8s/list.yml:13",
                "manifest-sp-secret-reference@k8s/list.yml:14",
                "manifest-sp-secret-reference@k8s/list.yml:19");
        assertThat(report.findings().get(2).evidence()).containsEntry("valueLength", "13")
                .doesNotContainValue("CANARY-7f3a9c");
        assertThat(report.findings()).extracting(f -> f.evidence().get("kind")).contains("Pod", "Job");
    }

    @Test
    void kustomizationCommonLabelsAndInlinePatch() {
        ScanReport report = new DetectorRun(root).write("overlays/prod/kustomization.yaml", """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [../../base]
                commonLabels:
                  aadpodidbinding: prod
                patches:
                  - target: {kind: Deployment, name: app}
                    patch: |-
                      - op: add
                        path: /spec/template/metadata/labels/aadpodidbinding
                        value: prod
                """).run(new ManifestDetector(), "overlays/prod/kustomization.yaml");

        assertThat(DetectorRun.lines(report)).containsExactly(
                "manifest-pod-identity-label@overlays/prod/kustomization.yaml:5",
                "manifest-pod-identity-label@overlays/prod/kustomization.yaml:10");
    }

    @Test
    void committedSecretWithAClientSecretReportsTheKeyOnly() {
        ScanReport report = new DetectorRun(root).write("k8s/sp-secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata: {name: sp}
                stringData:
                  clientSecret: CANARY-7f3a9c
                  tenant: t
                data:
                  AZURE_CLIENT_SECRET: Q0FOQVJZLTdmM2E5Yw==
                """).run(new ManifestDetector(), "k8s/sp-secret.yaml");

        assertThat(DetectorRun.lines(report)).containsExactly(
                "sp-secret@k8s/sp-secret.yaml:5", "sp-secret@k8s/sp-secret.yaml:8");
        assertThat(report.findings()).extracting(f -> f.evidence().get("key"))
                .containsExactly("stringData.clientSecret", "data.AZURE_CLIENT_SECRET");
        assertThat(report.findings().toString()).doesNotContain("CANARY").doesNotContain("Q0FOQVJZ");
    }

    @Test
    void jsonPatchFileThatAddsTheLabel() {
        ScanReport report = new DetectorRun(root).write("overlays/prod/add-label.yaml", """
                - op: add
                  path: /spec/template/metadata/labels/aadpodidbinding
                  value: prod
                - op: replace
                  path: /spec/replicas
                  value: 3
                """).run(new ManifestDetector(), "overlays/prod/add-label.yaml");

        assertThat(DetectorRun.lines(report)).containsExactly(
                "manifest-pod-identity-label@overlays/prod/add-label.yaml:1");
        assertThat(report.findings().get(0).evidence())
                .containsEntry("path", "spec.template.metadata.labels.aadpodidbinding");
    }

    @Test
    void nonKubernetesYamlIsIgnoredAndBrokenYamlIsAWarning() {
        DetectorRun run = new DetectorRun(root)
                .write("ci/pipeline.yaml", "steps:\n  - env: {AZURE_CLIENT_SECRET: x}\n")
                .write("k8s/broken.yaml", "kind: Pod\nmetadata:\n  labels: {aadpodidbinding: x\n  name: y\n");
        ScanReport report = run.run(new ManifestDetector(), "ci/pipeline.yaml", "k8s/broken.yaml");

        assertThat(report.findings()).isEmpty();
        assertThat(report.diagnostics()).singleElement()
                .satisfies(d -> assertThat(d.subject()).startsWith("repo/k8s/broken.yaml:"));
    }

    @Test
    void aliasBombIsRefusedAsAWarningNotAHang() {
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: Pod\nmetadata:\n  labels: {aadpodidbinding: x}\n");
        yaml.append("a: &a [x, x]\n");
        for (int i = 1; i < 12; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [*a").append(i == 1 ? "" : i - 1)
                    .append(", *a").append(i == 1 ? "" : i - 1).append(", *a").append(i == 1 ? "" : i - 1)
                    .append(", *a").append(i == 1 ? "" : i - 1).append(", *a").append(i == 1 ? "" : i - 1)
                    .append("]\n");
        }
        ScanReport report = new DetectorRun(root).write("k8s/bomb.yaml", yaml.toString())
                .run(new ManifestDetector(), "k8s/bomb.yaml");

        assertThat(report.diagnostics()).hasSize(1);
        assertThat(report.findings()).isEmpty();
    }

    @Test
    void helmTemplatesAreNotParsedAsYaml() {
        DetectorRun run = new DetectorRun(root)
                .write("chart/Chart.yaml", "apiVersion: v2\nname: app\nversion: 1.0.0\n")
                .write("chart/templates/deploy.yaml", "metadata:\n  labels:\n    {{- if .Values.x }}\n"
                        + "    aadpodidbinding: {{ .Values.x }}\n");

        assertThat(new ManifestDetector().accepts(run.file("chart/templates/deploy.yaml"))).isFalse();
        assertThat(Rule.MANIFEST_POD_IDENTITY_LABEL.id()).isEqualTo("manifest-pod-identity-label");
    }
}
