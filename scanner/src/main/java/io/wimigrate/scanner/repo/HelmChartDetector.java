package io.wimigrate.scanner.repo;

import io.wimigrate.scanner.model.Rule;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Helm charts (a directory with Chart.yaml). Files under templates/ are Go templates, so they are read line by line
 * for the pod-identity and secret tokens; values*.yaml is YAML, read for the keys that feed those templates.
 */
final class HelmChartDetector implements Detector {

    /** What still ties a template to pod identity or a secret; azure.workload.identity is the target state. */
    private static final Pattern TEMPLATE_TOKEN = Pattern.compile(
            "\\b(aadpodidbinding|AzureIdentityBinding|AzureIdentity|AZURE_CLIENT_SECRET|clientSecret)\\b");
    private static final Set<String> VALUE_KEYS = Set.of("aadpodidbinding", "podidentity", "podidentitybinding",
            "azureidentity", "azureidentitybinding", "clientsecret", "azureclientsecret");

    @Override
    public boolean accepts(RepoFile file) {
        if (HelmLayout.isTemplate(file)) {
            return true;
        }
        if (!HelmLayout.isValues(file)) {
            return false;
        }
        String lower = file.text().toLowerCase(Locale.ROOT);
        return VALUE_KEYS.stream().anyMatch(lower::contains) || lower.contains("azure_client_secret");
    }

    @Override
    public void detect(RepoFile file, ScanReport report) {
        if (HelmLayout.isTemplate(file)) {
            template(file, report);
        } else {
            values(file, report);
        }
    }

    private static void template(RepoFile file, ScanReport report) {
        String[] lines = file.text().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher token = TEMPLATE_TOKEN.matcher(lines[i]);
            while (token.find()) {
                String name = token.group(1);
                report.finding(Rule.HELM_TEMPLATE_POD_IDENTITY, file, i + 1, token.start() + 1,
                        "Helm template refers to " + name, Map.of("token", name));
            }
        }
    }

    private static void values(RepoFile file, ScanReport report) {
        List<Node> documents;
        try {
            documents = YamlTree.documents(file.text());
        } catch (YamlTree.Unparsable e) {
            report.warning(file.relativePath(), e.line(), e.column(),
                    "Helm values file is not valid YAML; not checked for pod identity values.");
            return;
        }
        documents.forEach(document -> walk(document, "", file, report, 0));
    }

    private static void walk(Node node, String path, RepoFile file, ScanReport report, int depth) {
        if (depth > YamlTree.MAX_DEPTH) {
            return;
        }
        if (node instanceof SequenceNode sequence) {
            for (int i = 0; i < sequence.getValue().size(); i++) {
                walk(sequence.getValue().get(i), path + "[" + i + "]", file, report, depth + 1);
            }
            return;
        }
        for (NodeTuple entry : YamlTree.entries(node)) {
            String key = YamlTree.scalar(entry.getKeyNode());
            if (key == null) {
                continue;
            }
            String child = path.isEmpty() ? key : path + "." + key;
            String relaxed = key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
            if (VALUE_KEYS.contains(relaxed)) {
                report.finding(Rule.HELM_TEMPLATE_POD_IDENTITY, file, YamlTree.line(entry.getKeyNode()),
                        YamlTree.column(entry.getKeyNode()), "Helm values set " + child, Map.of("key", child));
            }
            walk(entry.getValueNode(), child, file, report, depth + 1);
        }
    }
}
