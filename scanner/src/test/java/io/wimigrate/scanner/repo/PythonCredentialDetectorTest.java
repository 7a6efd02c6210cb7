package io.wimigrate.scanner.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonCredentialDetectorTest {

    @TempDir
    Path root;

    @Test
    void clientSecretCertificateMsrestazureAndMsal() {
        ScanReport report = new DetectorRun(root).write("app/auth.py", """
                from azure.identity import ClientSecretCredential, CertificateCredential
                from msrestazure.azure_active_directory import MSIAuthentication
                import msal

                # cred = ClientSecretCredential(tenant, client, secret)
                cred = ClientSecretCredential(tenant_id=t, client_id=c, client_secret=os.environ["S"])
                cert = CertificateCredential(t, c, "cert.pem")
                msi = MSIAuthentication()
                doc = "ClientSecretCredential(is mentioned in a string, still code-like)"
                app = msal.ConfidentialClientApplication(c, client_credential=s)
                """).run(new PythonCredentialDetector(), "app/auth.py");

        assertThat(DetectorRun.lines(report)).containsExactly(
                "python-credential@app/auth.py:6", "python-credential@app/auth.py:7",
                "python-credential@app/auth.py:8", "python-credential@app/auth.py:9",
                "msal-client-secret@app/auth.py:10");
    }

    @Test
    void msalWithAClientAssertionIsWorkloadIdentityAlready() {
        ScanReport report = new DetectorRun(root).write("wi.py", """
                from msal import ConfidentialClientApplication
                app = ConfidentialClientApplication(
                    client_id,
                    client_credential={"client_assertion": read_token},
                )
                """).run(new PythonCredentialDetector(), "wi.py");

        assertThat(report.findings()).isEmpty();
    }

    @Test
    void pythonWithoutTheImportIsNotAzure() {
        ScanReport report = new DetectorRun(root).write("other.py", """
                from mylib import ClientSecretCredential
                cred = ClientSecretCredential()
                """).run(new PythonCredentialDetector(), "other.py");

        assertThat(report.findings()).isEmpty();
    }
}
