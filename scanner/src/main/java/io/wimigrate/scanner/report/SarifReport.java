package io.wimigrate.scanner.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.scanner.model.Diagnostic;
import io.wimigrate.scanner.model.Finding;
import io.wimigrate.scanner.model.Location;
import io.wimigrate.scanner.model.Rule;
import io.wimigrate.scanner.model.Severity;
import io.wimigrate.scanner.model.ObjectRef;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Findings as a SARIF 2.1.0 log for GitHub code scanning and other SARIF viewers. File findings carry a physical
 * location relative to the directory the scan ran in; cluster findings a logical location naming the object.
 * Diagnostics become tool execution notifications.
 */
public final class SarifReport {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final String FINGERPRINT = "wimigrate/v1";

    private SarifReport() {
    }

    public static String render(List<Finding> findings, List<Diagnostic> diagnostics, String toolVersion) {
        ObjectNode log = InventoryCodec.json().createObjectNode();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "wimigrate");
        driver.put("version", toolVersion);
        driver.put("informationUri", "https://github.com/wimigrate/wimigrate");
        Map<String, Integer> ruleIndex = new HashMap<>();
        ArrayNode rules = driver.putArray("rules");
        Arrays.stream(Rule.values()).forEach(rule -> {
            ruleIndex.put(rule.id(), ruleIndex.size());
            addRule(rules.addObject(), rule);
        });
        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", diagnostics.stream()
                .noneMatch(d -> d.severity() == Severity.ERROR));
        ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
        diagnostics.forEach(d -> addNotification(notifications.addObject(), d));
        ArrayNode results = run.putArray("results");
        findings.forEach(f -> addResult(results.addObject(), f, ruleIndex.get(f.rule())));
        return InventoryCodec.toJson(log);
    }

    private static void addRule(ObjectNode node, Rule rule) {
        node.put("id", rule.id());
        node.put("name", rule.name());
        node.putObject("shortDescription").put("text", rule.title());
        node.putObject("help").put("text", rule.help());
        node.putObject("defaultConfiguration").put("level", rule.severity().sarifLevel());
    }

    private static void addNotification(ObjectNode node, Diagnostic diagnostic) {
        node.put("level", diagnostic.severity().sarifLevel());
        node.putObject("message").put("text",
                diagnostic.source() + ": " + diagnostic.subject() + ": " + diagnostic.message());
    }

    private static void addResult(ObjectNode node, Finding finding, Integer ruleIndex) {
        node.put("ruleId", finding.rule());
        if (ruleIndex != null) {
            node.put("ruleIndex", ruleIndex);
        }
        node.put("level", finding.severity().sarifLevel());
        node.putObject("message").put("text", finding.message());
        ObjectNode location = node.putArray("locations").addObject();
        if (finding.location() instanceof Location.InFile file) {
            ObjectNode physical = physicalLocation(location, uri(file));
            if (file.line() > 0) {
                ObjectNode region = physical.putObject("region");
                region.put("startLine", file.line());
                if (file.column() > 0) {
                    region.put("startColumn", file.column());
                }
            }
        } else if (finding.location() instanceof Location.InCluster object) {
            // GitHub code scanning rejects the whole log if one result lacks a physical location, so cluster objects
            // get a synthetic path naming the object, and the object itself as a logical location.
            physicalLocation(location, clusterUri(object));
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

    private static ObjectNode physicalLocation(ObjectNode location, String uri) {
        ObjectNode physical = location.putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", uri);
        return physical;
    }

    /** A relative URI from the scan's working directory, as GitHub code scanning expects ('/' separators). */
    private static String uri(Location.InFile file) {
        return Path.of(file.root()).resolve(file.path()).normalize().toString().replace('\\', '/');
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
