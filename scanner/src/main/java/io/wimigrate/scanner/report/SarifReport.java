package io.wimigrate.scanner.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.scanner.model.Diagnostic;
import io.wimigrate.scanner.model.Finding;
import io.wimigrate.scanner.model.Location;
import io.wimigrate.scanner.model.ObjectRef;
import io.wimigrate.scanner.model.Rule;
import io.wimigrate.scanner.model.Severity;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Findings as a SARIF 2.1.0 log for GitHub code scanning and other SARIF viewers. File findings carry a physical
 * location relative to the directory the scan ran in; cluster findings a logical location naming the object.
 * Diagnostics become tool execution notifications.
 */
public final class SarifReport {

    private static final String FINGERPRINT = "wimigrate/v1";

    private SarifReport() {
    }

    public static String render(List<Finding> findings, List<Diagnostic> diagnostics, String toolVersion) {
        SarifLog log = new SarifLog(toolVersion);
        Arrays.stream(Rule.values()).forEach(rule -> log.rule(rule.id(), rule.name(), rule.title(), rule.help(),
                rule.severity().sarifLevel()));
        ObjectNode invocation = log.invocation(diagnostics.stream().noneMatch(d -> d.severity() == Severity.ERROR));
        ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
        diagnostics.forEach(d -> addNotification(notifications.addObject(), d));
        findings.forEach(f -> addResult(log.result(f.rule(), f.severity().sarifLevel(), f.message()), f));
        return log.render();
    }

    private static void addNotification(ObjectNode node, Diagnostic diagnostic) {
        node.put("level", diagnostic.severity().sarifLevel());
        node.putObject("message").put("text",
                diagnostic.source() + ": " + diagnostic.subject() + ": " + diagnostic.message());
    }

    private static void addResult(ObjectNode node, Finding finding) {
        ObjectNode location = node.putArray("locations").addObject();
        if (finding.location() instanceof Location.InFile file) {
            SarifLog.physicalLocation(location, SarifLog.uri(file.root(), file.path()), file.line(), file.column());
        } else if (finding.location() instanceof Location.InCluster object) {
            // GitHub code scanning rejects the whole log if one result lacks a physical location, so cluster objects
            // get a synthetic path naming the object, and the object itself as a logical location.
            SarifLog.physicalLocation(location, clusterUri(object), 0, 0);
            ObjectNode logical = location.putArray("logicalLocations").addObject();
            logical.put("name", object.object().name());
            logical.put("fullyQualifiedName", object.cluster() + "/" + object.object().display());
            logical.put("kind", "object");
        }
        node.putObject("partialFingerprints").put(FINGERPRINT, finding.id());
        if (!finding.evidence().isEmpty()) {
            ObjectNode evidence = node.putObject("properties").putObject("evidence");
            finding.evidence().forEach(evidence::put);
        }
    }

    /** {@code kubernetes/<cluster>/<namespace or _cluster>/<kind>/<name>}, each segment percent-encoded. */
    static String clusterUri(Location.InCluster location) {
        ObjectRef ref = location.object();
        return Stream.of("kubernetes", location.cluster(), ref.namespace() == null ? "_cluster" : ref.namespace(),
                        ref.kind(), ref.name())
                .map(segment -> URLEncoder.encode(segment, StandardCharsets.UTF_8))
                .collect(Collectors.joining("/"));
    }
}
