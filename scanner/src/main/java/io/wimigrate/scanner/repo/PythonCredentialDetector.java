package io.wimigrate.scanner.repo;

import io.wimigrate.scanner.model.Rule;
import java.util.regex.Pattern;

/**
 * Python credentials that need a secret or IMDS: azure.identity's {@code ClientSecretCredential} and
 * {@code CertificateCredential}, msrestazure's {@code MSIAuthentication} and {@code ServicePrincipalCredentials},
 * and MSAL's {@code ConfidentialClientApplication} given a {@code client_credential} that is no client assertion. Each counts only when the file
 * imports the package it comes from.
 */
final class PythonCredentialDetector implements Detector {

    private static final Pattern IMPORTS_IDENTITY =
            Pattern.compile("(?m)^\\s*(?:from\\s+azure\\.identity(?:\\.aio)?\\s+import|import\\s+azure\\.identity)");
    private static final Pattern IMPORTS_MSRESTAZURE =
            Pattern.compile("(?m)^\\s*(?:from|import)\\s+(?:msrestazure|azure\\.common\\.credentials)");
    private static final Pattern IMPORTS_MSAL = Pattern.compile("(?m)^\\s*(?:from|import)\\s+msal\\b");
    private static final Pattern IDENTITY_CALL =
            Pattern.compile("\\b(ClientSecretCredential|CertificateCredential)\\s*\\(");
    private static final Pattern TRACK1_CALL =
            Pattern.compile("\\b(MSIAuthentication|ServicePrincipalCredentials)\\s*\\(");
    private static final Pattern MSAL_CALL = Pattern.compile("\\b(ConfidentialClientApplication)\\s*\\(");

    @Override
    public boolean accepts(RepoFile file) {
        return file.nameEndsWith(".py") && file.containsAny("ClientSecretCredential", "CertificateCredential",
                "MSIAuthentication", "ServicePrincipalCredentials", "ConfidentialClientApplication");
    }

    @Override
    public void detect(RepoFile file, ScanReport report) {
        SourcePatterns source = new SourcePatterns(file, report, CommentMasker.HASH);
        if (source.contains(IMPORTS_IDENTITY)) {
            source.report(Rule.PYTHON_CREDENTIAL, IDENTITY_CALL, "azure.identity.");
        }
        if (source.contains(IMPORTS_MSRESTAZURE)) {
            source.report(Rule.PYTHON_CREDENTIAL, TRACK1_CALL, "");
        }
        // A client_assertion (the federated token) is workload identity already; anything else given is a secret.
        if (source.contains(IMPORTS_MSAL) && source.code().contains("client_credential")
                && !source.code().contains("client_assertion")) {
            source.report(Rule.MSAL_CLIENT_SECRET, MSAL_CALL, "msal.");
        }
    }
}
