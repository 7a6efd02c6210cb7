package io.wimigrate.scanner.repo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code @azure/identity} in package.json (a range under dependencies, devDependencies, peerDependencies or
 * optionalDependencies) and package-lock.json (the installed version: {@code packages["node_modules/@azure/identity"]}
 * in lockfile v2/v3, {@code dependencies["@azure/identity"]} in v1). Read with a streaming parser for positions.
 */
final class NpmPackageDetector implements Detector {

    private static final String PACKAGE = "@azure/identity";
    private static final Set<String> DEPENDENCY_SECTIONS =
            Set.of("dependencies", "devDependencies", "peerDependencies", "optionalDependencies");
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public boolean accepts(RepoFile file) {
        return (file.name().equals("package.json") || file.name().equals("package-lock.json"))
                && file.contains(PACKAGE);
    }

    @Override
    public void detect(RepoFile file, ScanReport report) {
        boolean lock = file.name().equals("package-lock.json");
        // Field names from the root down to the current value.
        List<String> path = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(file.text())) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                switch (token) {
                    case START_OBJECT, START_ARRAY -> path.add(parser.currentName() == null ? "" : parser.currentName());
                    case END_OBJECT, END_ARRAY -> path.remove(path.size() - 1);
                    case VALUE_STRING -> value(parser, path, lock, file, report);
                    default -> { }
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            report.warning(file.relativePath(), at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    file.name() + " is not valid JSON; versions not checked.");
        } catch (IOException e) {
            report.warning(file.relativePath(), 0, 0, file.name() + " cannot be read as JSON; versions not checked.");
        }
    }

    private static void value(JsonParser parser, List<String> path, boolean lock, RepoFile file, ScanReport report)
            throws IOException {
        String field = parser.currentName();
        String parent = path.isEmpty() ? "" : path.get(path.size() - 1);
        JsonLocation at = parser.currentTokenLocation();
        if (!lock && path.size() == 2 && PACKAGE.equals(field) && DEPENDENCY_SECTIONS.contains(parent)) {
            String spec = parser.getText();
            IdentityLibrary.NPM.declared(report, file, at.getLineNr(), at.getColumnNr(), spec,
                    VersionRange.ofNpmStyle(spec));
        } else if (lock && "version".equals(field)
                && (parent.equals(PACKAGE) || parent.endsWith("node_modules/" + PACKAGE))) {
            String version = parser.getText();
            IdentityLibrary.NPM.declared(report, file, at.getLineNr(), at.getColumnNr(), version,
                    VersionRange.exactly(version));
        }
    }
}
