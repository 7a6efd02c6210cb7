package io.wimigrate.scanner.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsCredentialDetectorTest {

    @TempDir
    Path root;

    @Test
    void javascriptAndTypescript() {
        DetectorRun run = new DetectorRun(root)
                .write("web/auth.ts", """
                        import { ClientSecretCredential } from "@azure/identity";
                        // const c = new ClientSecretCredential(t, c, s);
                        const credential = new ClientSecretCredential(tenant, client, secret);
                        """)
                .write("web/msal.js", """
                        const msal = require('@azure/msal-node');
                        const config = { auth: { clientId: id, clientSecret: process.env.SECRET } };
                        const cca = new msal.ConfidentialClientApplication(config);
                        """);
        ScanReport report = run.run(new JsCredentialDetector(), "web/auth.ts", "web/msal.js");

        assertThat(DetectorRun.lines(report)).containsExactly(
                "js-credential@web/auth.ts:3", "msal-client-secret@web/msal.js:3");
    }
}
