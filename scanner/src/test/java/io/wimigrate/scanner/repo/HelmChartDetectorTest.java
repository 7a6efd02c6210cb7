package io.wimigrate.scanner.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelmChartDetectorTest {

    @TempDir
    Path root;

    private DetectorRun chart() {
        return new DetectorRun(root)
                .write("charts/app/Chart.yaml", "apiVersion: v2\nname: app\nversion: 0.1.0\n")
                .write("charts/app/templates/deployment.yaml", """
                        apiVersion: apps/v1
                        kind: Deployment
                        spec:
                          template:
                            metadata:
                              labels:
                                {{- if .Values.podIdentity.enabled }}
                                aadpodidbinding: {{ .Values.podIdentity.binding | quote }}
                                {{- end }}
                            spec:
                              containers:
                                - env:
                                    - name: AZURE_CLIENT_SECRET
                                      valueFrom: {secretKeyRef: {name: sp, key: clientSecret}}
                        """)
                .write("charts/app/templates/identity.yaml", """
                        {{- if .Values.podIdentity.enabled }}
                        kind: AzureIdentity
                        ---
                        kind: AzureIdentityBinding
                        {{- end }}
                        """)
                .write("charts/app/templates/serviceaccount.yaml", """
                        kind: ServiceAccount
                        metadata:
                          annotations:
                            azure.workload.identity/client-id: {{ .Values.workloadIdentity.clientId }}
                        """)
                .write("charts/app/values.yaml", """
                        podIdentity:
                          enabled: true
                          binding: app
                        sp:
                          clientSecret: "CANARY-7f3a9c"
                        image: app:1
                        """)
                .write("charts/app/values-prod.yaml", "aadpodidbinding: prod\n")
                .write("charts/app/ci/values.yaml", "aadpodidbinding: not-a-chart-values-file\n");
    }

    /** The workload-identity annotation in serviceaccount.yaml is the target state, not a finding. */
    @Test
    void templatesAreReadLineByLineForTokens() {
        ScanReport report = chart().run(new HelmChartDetector(), "charts/app/templates/deployment.yaml",
                "charts/app/templates/identity.yaml", "charts/app/templates/serviceaccount.yaml");

        assertThat(report.findings()).extracting(f -> DetectorRun.line(f) + " " + f.evidence().get("token"))
                .containsExactly(
                        "charts/app/templates/deployment.yaml:8 aadpodidbinding",
                        "charts/app/templates/deployment.yaml:13 AZURE_CLIENT_SECRET",
                        "charts/app/templates/deployment.yaml:14 clientSecret",
                        "charts/app/templates/identity.yaml:2 AzureIdentity",
                        "charts/app/templates/identity.yaml:4 AzureIdentityBinding");
    }

    @Test
    void valuesFilesAreReadForKeyNamesOnly() {
        ScanReport report = chart().run(new HelmChartDetector(),
                "charts/app/values.yaml", "charts/app/values-prod.yaml", "charts/app/ci/values.yaml");

        assertThat(report.findings()).extracting(f -> DetectorRun.line(f) + " " + f.evidence().get("key"))
                .containsExactly(
                        "charts/app/values-prod.yaml:1 aadpodidbinding",
                        "charts/app/values.yaml:1 podIdentity",
                        "charts/app/values.yaml:5 sp.clientSecret");
        assertThat(report.findings().toString()).doesNotContain("CANARY");
    }

    @Test
    void aTemplatesDirectoryOutsideAChartIsNotAChart() {
        ScanReport report = new DetectorRun(root).write("docs/templates/example.yaml", "aadpodidbinding: x\n")
                .run(new HelmChartDetector(), "docs/templates/example.yaml");

        assertThat(report.findings()).isEmpty();
    }
}
