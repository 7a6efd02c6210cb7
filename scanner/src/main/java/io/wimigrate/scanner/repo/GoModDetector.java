package io.wimigrate.scanner.repo;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The azidentity module required in go.mod, as a single {@code require} line or inside a {@code require (...)} block. */
final class GoModDetector implements Detector {

    private static final Pattern REQUIREMENT = Pattern.compile(
            "(github\\.com/Azure/azure-sdk-for-go/sdk/azidentity)\\s+(v[^\\s/]+)");
    private static final Pattern BLOCK_START = Pattern.compile("^\\s*(\\w+)\\s*\\(\\s*$");

    @Override
    public boolean accepts(RepoFile file) {
        return file.name().equals("go.mod") && file.contains("sdk/azidentity");
    }

    @Override
    public void detect(RepoFile file, ScanReport report) {
        String[] lines = CommentMasker.C_LIKE.mask(file.text()).split("\n", -1);
        String block = "";
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher start = BLOCK_START.matcher(line);
            if (start.find()) {
                block = start.group(1);
                continue;
            }
            if (line.trim().equals(")")) {
                block = "";
                continue;
            }
            boolean requires = block.equals("require") || line.trim().startsWith("require ");
            Matcher requirement = REQUIREMENT.matcher(line);
            if (requires && requirement.find()) {
                String version = requirement.group(2);
                IdentityLibrary.GO.declared(report, file, i + 1, requirement.start(1) + 1, version,
                        VersionRange.exactly(version));
            }
        }
    }
}
