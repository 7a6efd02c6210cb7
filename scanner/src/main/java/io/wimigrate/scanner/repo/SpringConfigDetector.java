package io.wimigrate.scanner.repo;

import io.wimigrate.scanner.model.Rule;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Spring Boot configuration (application*.yml|yaml|properties, profile variants, bootstrap*) that gives Azure a client
 * secret, certificate or client id: {@code spring.cloud.azure.credential.*} (also per service, such as
 * {@code spring.cloud.azure.storage.blob.credential.client-secret}), {@code spring.cloud.azure.active-directory.
 * credential.*} and the older {@code azure.activedirectory.client-secret|client-id}. Keys compare in Spring's relaxed
 * form (case, '-' and '_' ignored). Only the key is reported, never its value.
 */
final class SpringConfigDetector implements Detector {

    private static final Pattern CONFIG_FILE =
            Pattern.compile("(application|bootstrap)([-.][\\w.-]*)?\\.(ya?ml|properties)");
    private static final List<String> CREDENTIAL_LEAVES =
            List.of("clientsecret", "clientid", "clientcertificatepath", "clientcertificatepassword");
    private static final Pattern PROPERTY_KEY = Pattern.compile("^(\\s*)((?:[^=:\\s\\\\]|\\\\.)+)\\s*[=:\\s]");

    @Override
    public boolean accepts(RepoFile file) {
        return CONFIG_FILE.matcher(file.name()).matches()
                && file.text().toLowerCase(Locale.ROOT).contains("azure");
    }

    @Override
    public void detect(RepoFile file, ScanReport report) {
        if (file.name().endsWith(".properties")) {
            properties(file, report);
            return;
        }
        List<Node> documents;
        try {
            documents = YamlTree.documents(file.text());
        } catch (YamlTree.Unparsable e) {
            report.warning(file.relativePath(), e.line(), e.column(),
                    "Spring configuration is not valid YAML; not checked for Azure credentials.");
            return;
        }
        documents.forEach(document -> walk(document, "", file, report, 0));
    }

    private static void walk(Node node, String prefix, RepoFile file, ScanReport report, int depth) {
        if (depth > YamlTree.MAX_DEPTH) {
            return;
        }
        if (node instanceof SequenceNode sequence) {
            List<Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                walk(items.get(i), prefix + "[" + i + "]", file, report, depth + 1);
            }
            return;
        }
        for (NodeTuple entry : YamlTree.entries(node)) {
            String key = YamlTree.scalar(entry.getKeyNode());
            if (key == null) {
                continue;
            }
            String full = prefix.isEmpty() ? key : prefix + "." + key;
            if (YamlTree.scalar(entry.getValueNode()) != null && isCredentialKey(full)) {
                report(full, YamlTree.line(entry.getKeyNode()), YamlTree.column(entry.getKeyNode()), file, report);
            } else {
                walk(entry.getValueNode(), full, file, report, depth + 1);
            }
        }
    }

    private static void properties(RepoFile file, ScanReport report) {
        String[] lines = file.text().split("\n", -1);
        boolean continuation = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replace("\r", "");
            boolean continues = line.endsWith("\\") && !line.endsWith("\\\\");
            if (!continuation) {
                String trimmed = line.trim();
                Matcher key = PROPERTY_KEY.matcher(line + " ");
                if (!trimmed.startsWith("#") && !trimmed.startsWith("!") && key.find()
                        && isCredentialKey(key.group(2))) {
                    report(key.group(2), i + 1, key.group(1).length() + 1, file, report);
                }
            }
            continuation = continues;
        }
    }

    static boolean isCredentialKey(String key) {
        String relaxed = key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        if (relaxed.startsWith("spring.cloud.azure.activedirectory.credential.")) {
            return true;
        }
        if (relaxed.equals("azure.activedirectory.clientsecret") || relaxed.equals("azure.activedirectory.clientid")) {
            return true;
        }
        int credential = relaxed.lastIndexOf(".credential.");
        return relaxed.startsWith("spring.cloud.azure.") && credential >= 0
                && CREDENTIAL_LEAVES.contains(relaxed.substring(credential + ".credential.".length()));
    }

    private static void report(String key, int line, int column, RepoFile file, ScanReport report) {
        report.finding(Rule.SPRING_CREDENTIAL_CONFIG, file, line, column,
                "Spring configuration sets " + key, Map.of("key", key));
    }
}
