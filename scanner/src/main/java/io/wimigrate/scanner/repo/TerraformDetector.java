package io.wimigrate.scanner.repo;

import io.wimigrate.scanner.model.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Terraform (*.tf) read tolerantly block by block, without an HCL parser: AKS clusters without the OIDC issuer or
 * workload identity, the role assignments AAD Pod Identity needs on the kubelet identity (a principal_id whose
 * expression names the kubelet, such as {@code kubelet_identity[0].object_id} or {@code var.kubelet_principal_id}),
 * and user-assigned identities that no {@code azurerm_federated_identity_credential} in the repository refers to.
 */
final class TerraformDetector implements Detector {

    private static final Pattern RESOURCE = Pattern.compile("(?m)^\\s*resource\\s+\"([\\w-]+)\"\\s+\"([\\w-]+)\"\\s*\\{");
    private static final Pattern OIDC_ISSUER = Pattern.compile("(?m)^\\s*oidc_issuer_enabled\\s*=\\s*true\\b");
    private static final Pattern WORKLOAD_IDENTITY = Pattern.compile("(?m)^\\s*workload_identity_enabled\\s*=\\s*true\\b");
    private static final Pattern ROLE_NAME = Pattern.compile(
            "(?m)^\\s*role_definition_name\\s*=\\s*\"(Managed Identity Operator|Virtual Machine Contributor)\"");
    private static final Pattern KUBELET_PRINCIPAL = Pattern.compile("(?m)^\\s*principal_id\\s*=.*(?i:kubelet)");

    private record Block(RepoFile file, String type, String name, int line, int column, String body) {
    }

    private final List<Block> identities = new ArrayList<>();
    private final List<String> federatedCredentialBodies = new ArrayList<>();

    @Override
    public boolean accepts(RepoFile file) {
        return file.nameEndsWith(".tf") && file.containsAny("azurerm_kubernetes_cluster", "azurerm_role_assignment",
                "azurerm_user_assigned_identity", "azurerm_federated_identity_credential");
    }

    @Override
    public void detect(RepoFile file, ScanReport report) {
        for (Block block : blocks(file)) {
            switch (block.type()) {
                case "azurerm_kubernetes_cluster" -> cluster(block, report);
                case "azurerm_role_assignment" -> roleAssignment(block, report);
                case "azurerm_user_assigned_identity" -> identities.add(block);
                case "azurerm_federated_identity_credential" -> federatedCredentialBodies.add(block.body());
                default -> { }
            }
        }
    }

    @Override
    public void finish(ScanReport report) {
        for (Block identity : identities) {
            Pattern reference = Pattern.compile("\\bazurerm_user_assigned_identity\\." + Pattern.quote(identity.name())
                    + "\\b");
            if (federatedCredentialBodies.stream().noneMatch(body -> reference.matcher(body).find())) {
                report.finding(Rule.TERRAFORM_IDENTITY_NEEDS_FIC, identity.file(), identity.line(), identity.column(),
                        "azurerm_user_assigned_identity." + identity.name() + " has no federated identity credential",
                        Map.of("resource", "azurerm_user_assigned_identity." + identity.name()));
            }
        }
    }

    private static void cluster(Block block, ScanReport report) {
        List<String> missing = new ArrayList<>();
        if (!OIDC_ISSUER.matcher(block.body()).find()) {
            missing.add("oidc_issuer_enabled");
        }
        if (!WORKLOAD_IDENTITY.matcher(block.body()).find()) {
            missing.add("workload_identity_enabled");
        }
        if (!missing.isEmpty()) {
            Map<String, String> evidence = new LinkedHashMap<>();
            evidence.put("resource", block.type() + "." + block.name());
            evidence.put("missing", String.join(",", missing));
            report.finding(Rule.TERRAFORM_CLUSTER_WITHOUT_WORKLOAD_IDENTITY, block.file(), block.line(), block.column(),
                    block.type() + "." + block.name() + " lacks " + String.join(" and ", missing) + " = true", evidence);
        }
    }

    private static void roleAssignment(Block block, ScanReport report) {
        Matcher role = ROLE_NAME.matcher(block.body());
        if (role.find() && KUBELET_PRINCIPAL.matcher(block.body()).find()) {
            report.finding(Rule.TERRAFORM_POD_IDENTITY_ROLE, block.file(), block.line(), block.column(),
                    block.type() + "." + block.name() + " grants the kubelet identity " + role.group(1),
                    Map.of("resource", block.type() + "." + block.name(), "role", role.group(1)));
        }
    }

    /** Top-level resource blocks, each body cut at its matching brace in comment-masked text. */
    private static List<Block> blocks(RepoFile file) {
        String code = CommentMasker.HCL.mask(file.text());
        LineIndex lines = new LineIndex(code);
        List<Block> blocks = new ArrayList<>();
        Matcher header = RESOURCE.matcher(code);
        int from = 0;
        while (header.find(from)) {
            int open = header.end() - 1;
            int close = matchingBrace(code, open);
            int start = code.lastIndexOf("resource", header.start(1));
            blocks.add(new Block(file, header.group(1), header.group(2), lines.line(start), lines.column(start),
                    code.substring(open + 1, close)));
            from = close;
        }
        return blocks;
    }

    /** The offset of the brace closing the one at {@code open}, or the text's end; braces in strings are skipped. */
    private static int matchingBrace(String code, int open) {
        int depth = 0;
        boolean inString = false;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return code.length();
    }
}
