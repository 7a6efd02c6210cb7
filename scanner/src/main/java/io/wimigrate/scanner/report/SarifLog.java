package io.wimigrate.scanner.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The skeleton every wimigrate SARIF 2.1.0 log shares (one run, the tool, its rules, results with their rule index),
 * for the scan's report and the rewrite's findings alike. Callers add what their results carry to the nodes returned.
 */
public final class SarifLog {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private final ObjectNode log = InventoryCodec.json().createObjectNode();
    private final ObjectNode run;
    private final ArrayNode rules;
    private final Map<String, Integer> ruleIndex = new HashMap<>();

    public SarifLog(String toolVersion) {
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "wimigrate");
        driver.put("version", toolVersion);
        driver.put("informationUri", "https://github.com/wimigrate/wimigrate");
        rules = driver.putArray("rules");
    }

    /** Describes a rule once; results naming it then carry its index. */
    public void rule(String id, String name, String title, String help, String level) {
        ruleIndex.put(id, ruleIndex.size());
        ObjectNode node = rules.addObject();
        node.put("id", id);
        node.put("name", name);
        node.putObject("shortDescription").put("text", title);
        node.putObject("help").put("text", help);
        node.putObject("defaultConfiguration").put("level", level);
    }

    /** The run's invocation, to which tool execution notifications go. */
    public ObjectNode invocation(boolean successful) {
        ObjectNode invocation = array(run, "invocations").addObject();
        invocation.put("executionSuccessful", successful);
        return invocation;
    }

    /** A new result; add its locations (see {@link #physicalLocation}) and anything else to the node returned. */
    public ObjectNode result(String ruleId, String level, String message) {
        ObjectNode node = array(run, "results").addObject();
        node.put("ruleId", ruleId);
        Integer index = ruleIndex.get(ruleId);
        if (index != null) {
            node.put("ruleIndex", index);
        }
        node.put("level", level);
        node.putObject("message").put("text", message);
        return node;
    }

    /** A physical location at {@code uri} ('/' separators), with a region when {@code line} is known (1-based). */
    public static ObjectNode physicalLocation(ObjectNode location, String uri, int line, int column) {
        ObjectNode physical = location.putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", uri);
        if (line > 0) {
            ObjectNode region = physical.putObject("region");
            region.put("startLine", line);
            if (column > 0) {
                region.put("startColumn", column);
            }
        }
        return physical;
    }

    /** A relative URI from the working directory, as GitHub code scanning expects ('/' separators). */
    public static String uri(String root, String path) {
        return Path.of(root).resolve(path).normalize().toString().replace('\\', '/');
    }

    public String render() {
        array(run, "results");
        return InventoryCodec.toJson(log);
    }

    /** The array under {@code name}, added (after what the node has so far) when missing. */
    private static ArrayNode array(ObjectNode node, String name) {
        return node.has(name) ? (ArrayNode) node.get(name) : node.putArray(name);
    }
}
