package io.wimigrate.scanner.repo;

import io.wimigrate.scanner.model.Rule;
import java.util.regex.Pattern;

/**
 * JavaScript/TypeScript credentials: {@code new ClientSecretCredential(...)} from {@code @azure/identity}, and
 * msal-node's {@code new ConfidentialClientApplication(...)} in a file that configures a {@code clientSecret}.
 */
final class JsCredentialDetector implements Detector {

    private static final Pattern CLIENT_SECRET_CREDENTIAL =
            Pattern.compile("\\bnew\\s+(?:\\w+\\.)?(ClientSecretCredential)\\s*\\(");
    private static final Pattern CONFIDENTIAL_CLIENT =
            Pattern.compile("\\bnew\\s+(?:\\w+\\.)?(ConfidentialClientApplication)\\s*\\(");
    private static final Pattern CLIENT_SECRET_PROPERTY = Pattern.compile("\\bclientSecret\\b");

    @Override
    public boolean accepts(RepoFile file) {
        return file.nameEndsWith(".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts")
                && file.containsAny("@azure/identity", "@azure/msal-node");
    }

    @Override
    public void detect(RepoFile file, ScanReport report) {
        SourcePatterns source = new SourcePatterns(file, report, CommentMasker.C_LIKE);
        if (source.code().contains("@azure/identity")) {
            source.report(Rule.JS_CREDENTIAL, CLIENT_SECRET_CREDENTIAL, "@azure/identity.");
        }
        if (source.code().contains("@azure/msal-node") && source.contains(CLIENT_SECRET_PROPERTY)) {
            source.report(Rule.MSAL_CLIENT_SECRET, CONFIDENTIAL_CLIENT, "@azure/msal-node.");
        }
    }
}
