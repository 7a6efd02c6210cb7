package io.wimigrate.scanner.repo;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code azure-identity} in requirements*.txt (PEP 508 lines), pyproject.toml (PEP 621 dependency strings and Poetry
 * tables) and poetry.lock (the resolved version). Names are matched as PyPI normalises them
 * ({@code azure_identity}, {@code Azure.Identity}).
 */
final class PythonBuildDetector implements Detector {

    private static final String NAME = "(?i:azure[-_.]identity)(?![\\w.-])";
    private static final Pattern REQUIREMENT = Pattern.compile(
            "^\\s*(" + NAME + ")\\s*(?:\\[[^]]*])?\\s*([^;#\\s][^;#]*)?");
    private static final Pattern PEP508_STRING = Pattern.compile(
            "[\"'](" + NAME + ")\\s*(?:\\[[^]]*])?\\s*([^\"';]*)");
    private static final Pattern POETRY_ENTRY = Pattern.compile(
            "^\\s*[\"']?(" + NAME + ")[\"']?\\s*=\\s*(?:\"([^\"]*)\"|\\{[^}]*version\\s*=\\s*\"([^\"]*)\")");
    private static final Pattern LOCK_NAME = Pattern.compile("^name\\s*=\\s*\"" + NAME + "\"\\s*$");
    private static final Pattern LOCK_VERSION = Pattern.compile("^version\\s*=\\s*\"([^\"]+)\"");

    @Override
    public boolean accepts(RepoFile file) {
        String name = file.name();
        boolean buildFile = name.startsWith("requirements") && name.endsWith(".txt") || name.equals("pyproject.toml")
                || name.equals("poetry.lock");
        return buildFile && (file.text().toLowerCase(Locale.ROOT).contains("azure-identity")
                || file.text().toLowerCase(Locale.ROOT).contains("azure_identity"));
    }

    @Override
    public void detect(RepoFile file, ScanReport report) {
        String[] lines = CommentMasker.HASH.mask(file.text()).split("\n", -1);
        if (file.name().equals("poetry.lock")) {
            lockFile(lines, file, report);
            return;
        }
        for (int i = 0; i < lines.length; i++) {
            Matcher matcher = file.name().endsWith(".txt") ? REQUIREMENT.matcher(lines[i]) : null;
            if (matcher != null && matcher.find()) {
                declare(report, file, i + 1, matcher.start(1) + 1, matcher.group(2), false);
                continue;
            }
            if (matcher != null) {
                continue;
            }
            Matcher poetry = POETRY_ENTRY.matcher(lines[i]);
            if (poetry.find()) {
                String spec = poetry.group(2) != null ? poetry.group(2) : poetry.group(3);
                declare(report, file, i + 1, poetry.start(1) + 1, spec, true);
                continue;
            }
            Matcher pep508 = PEP508_STRING.matcher(lines[i]);
            while (pep508.find()) {
                declare(report, file, i + 1, pep508.start(1) + 1, pep508.group(2), false);
            }
        }
    }

    private static void lockFile(String[] lines, RepoFile file, ScanReport report) {
        for (int i = 0; i < lines.length; i++) {
            if (!LOCK_NAME.matcher(lines[i]).find()) {
                continue;
            }
            for (int j = i + 1; j < lines.length && !lines[j].startsWith("["); j++) {
                Matcher version = LOCK_VERSION.matcher(lines[j]);
                if (version.find()) {
                    IdentityLibrary.PYPI.declared(report, file, j + 1, 1, version.group(1),
                            VersionRange.exactly(version.group(1)));
                    break;
                }
            }
        }
    }

    /** Poetry reads {@code ^1.2} and {@code ~1.2} like npm and a bare version as exact; the rest is PEP 440. */
    private static void declare(ScanReport report, RepoFile file, int line, int column, String rawSpec,
                                boolean poetry) {
        // Options such as --hash follow the specifier on the same line.
        String spec = rawSpec == null ? "" : rawSpec.split("\\s--")[0].trim();
        if (spec.isEmpty() || spec.equals("*")) {
            IdentityLibrary.PYPI.unversioned(report, file, line, column);
            return;
        }
        VersionRange range;
        if (Versions.isConcrete(spec) && poetry) {
            range = VersionRange.exactly(spec);
        } else if (poetry && (spec.startsWith("^") || spec.startsWith("~") && !spec.startsWith("~="))) {
            range = VersionRange.ofNpmStyle(spec);
        } else {
            range = VersionRange.ofPep440(spec);
        }
        IdentityLibrary.PYPI.declared(report, file, line, column, spec, range);
    }
}
