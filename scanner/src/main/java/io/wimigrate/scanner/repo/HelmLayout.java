package io.wimigrate.scanner.repo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Where a file sits in a Helm chart: a directory holding Chart.yaml is a chart. */
final class HelmLayout {

    private static final Pattern VALUES_FILE = Pattern.compile("values[\\w.-]*\\.ya?ml");

    private HelmLayout() {
    }

    /** Under a chart's templates/ directory (at any depth): Go templates, not YAML. */
    static boolean isTemplate(RepoFile file) {
        for (Path dir = file.path().getParent(); dir != null; dir = dir.getParent()) {
            Path name = dir.getFileName();
            if (name != null && name.toString().equals("templates") && isChart(dir.getParent())) {
                return true;
            }
        }
        return false;
    }

    /** A values*.yaml next to a Chart.yaml. */
    static boolean isValues(RepoFile file) {
        return VALUES_FILE.matcher(file.name()).matches() && isChart(file.path().getParent());
    }

    private static boolean isChart(Path dir) {
        return dir != null && Files.isRegularFile(dir.resolve("Chart.yaml"));
    }
}
