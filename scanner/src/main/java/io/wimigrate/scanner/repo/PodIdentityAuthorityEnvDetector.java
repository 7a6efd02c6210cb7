package io.wimigrate.scanner.repo;

import io.wimigrate.scanner.model.Rule;
import java.util.regex.Pattern;

/**
 * {@code AZURE_POD_IDENTITY_AUTHORITY_HOST} anywhere in code or configuration; comments are skipped in the languages
 * whose comment syntax is known.
 */
final class PodIdentityAuthorityEnvDetector implements Detector {

    private static final String VARIABLE = "AZURE_POD_IDENTITY_AUTHORITY_HOST";
    private static final Pattern USE = Pattern.compile("\\b(" + VARIABLE + ")\\b");

    @Override
    public boolean accepts(RepoFile file) {
        return file.contains(VARIABLE);
    }

    @Override
    public void detect(RepoFile file, ScanReport report) {
        CommentMasker comments = file.nameEndsWith(".java", ".cs", ".go", ".js", ".jsx", ".mjs", ".cjs", ".ts",
                ".tsx", ".kt", ".kts", ".gradle", ".groovy", ".scala") ? CommentMasker.C_LIKE
                : file.nameEndsWith(".py", ".sh", ".rb", ".yaml", ".yml", ".properties", ".toml", ".conf", ".env")
                ? CommentMasker.HASH
                : file.nameEndsWith(".tf", ".hcl") ? CommentMasker.HCL : CommentMasker.NONE;
        SourcePatterns source = new SourcePatterns(file, report, comments);
        source.report(Rule.POD_IDENTITY_AUTHORITY_ENV, USE, "");
    }
}
