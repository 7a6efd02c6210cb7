package io.wimigrate.scanner.repo;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code com.azure:azure-identity} in a pom.xml: a direct version, a {@code ${property}} of the same pom, a
 * dependencyManagement entry, or none (managed), and the {@code com.azure:azure-sdk-bom} import that manages it.
 */
final class MavenPomDetector implements Detector {

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    @Override
    public boolean accepts(RepoFile file) {
        return file.name().equals("pom.xml") && file.containsAny("azure-identity", "azure-sdk-bom");
    }

    @Override
    public void detect(RepoFile file, ScanReport report) {
        Optional<XmlElements> parsed = XmlElements.parseOrWarn(file, report);
        if (parsed.isEmpty()) {
            return;
        }
        XmlElements project = parsed.get();
        Map<String, XmlElements> properties = new HashMap<>();
        XmlElements propertiesElement = project.child("properties");
        if (propertiesElement != null) {
            propertiesElement.children().forEach(property -> properties.put(property.name(), property));
        }
        Boolean bomSupports = null;
        for (XmlElements dependency : project.descendants("dependency")) {
            if (isArtifact(dependency, IdentityLibrary.MAVEN_BOM)) {
                bomSupports = declare(IdentityLibrary.MAVEN_BOM, dependency, properties, file, report);
            }
        }
        for (XmlElements dependency : project.descendants("dependency")) {
            if (!isArtifact(dependency, IdentityLibrary.MAVEN)) {
                continue;
            }
            if (dependency.child("version") == null) {
                XmlElements artifact = dependency.child("artifactId");
                IdentityLibrary.MAVEN.declared(report, file, artifact.line(), artifact.column(), null, bomSupports);
            } else {
                declare(IdentityLibrary.MAVEN, dependency, properties, file, report);
            }
        }
    }

    private static boolean isArtifact(XmlElements dependency, IdentityLibrary library) {
        return library.libraryName().equals(dependency.childText("groupId") + ":" + dependency.childText("artifactId"));
    }

    /** Reports the declared version at the line to change (the property's, when the version names one). */
    private static Boolean declare(IdentityLibrary library, XmlElements dependency,
                                   Map<String, XmlElements> properties, RepoFile file, ScanReport report) {
        XmlElements at = dependency.child("version");
        if (at == null) {
            return null;
        }
        String version = at.text().toString().trim();
        Matcher property = PROPERTY.matcher(version);
        if (property.matches() && properties.containsKey(property.group(1))) {
            at = properties.get(property.group(1));
            version = at.text().toString().trim();
        }
        Boolean supports = PROPERTY.matcher(version).find() ? null
                : VersionRange.ofMavenStyle(version).supports(library.minimum());
        library.declared(report, file, at.line(), at.column(), version, supports);
        return supports;
    }
}
