package io.wimigrate.planner.render;

import io.wimigrate.planner.model.CreateFederatedCredential;
import io.wimigrate.planner.model.Phase;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.PlanHeader;
import io.wimigrate.planner.model.Step;
import io.wimigrate.planner.model.Target;
import io.wimigrate.planner.model.VerifyWorkload;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The Mermaid diagrams of plan.md; nodes and edges appear in plan order, so the text is stable. */
final class MermaidGraphs {

    private MermaidGraphs() {
    }

    /** Identities → federated credentials → ServiceAccounts → workloads. */
    static String identities(Plan plan) {
        Map<String, String> issuerCluster = new TreeMap<>();
        for (PlanHeader.ClusterHeader cluster : plan.header().clusters()) {
            if (cluster.oidcIssuer() != null) {
                issuerCluster.put(cluster.oidcIssuer(), cluster.name());
            }
            issuerCluster.put("$(Cluster/" + cluster.name() + ".oidcIssuer)", cluster.name());
        }
        Set<String> edges = new LinkedHashSet<>();
        Nodes nodes = new Nodes();
        for (Step step : plan.steps()) {
            if (step instanceof CreateFederatedCredential credential) {
                String identity = identityLabel(credential.target());
                String fic = "FIC " + credential.desired().name();
                String[] subject = credential.desired().subject().split(":");
                String account = "SA " + issuerCluster.getOrDefault(credential.desired().issuer(), "?") + ":"
                        + subject[2] + "/" + subject[3];
                edges.add(nodes.id("i", identity) + " --> " + nodes.id("f", fic + "\n" + identity));
                edges.add(nodes.id("f", fic + "\n" + identity) + " --> " + nodes.id("s", account));
            } else if (step instanceof VerifyWorkload verify) {
                Target target = verify.target();
                String account = "SA " + target.scope() + ":" + target.namespace() + "/"
                        + verify.desired().serviceAccount();
                edges.add(nodes.id("s", account) + " --> " + nodes.id("w", target.kind() + " " + target.scope() + ":"
                        + target.namespace() + "/" + target.name()));
            }
        }
        StringBuilder text = new StringBuilder("flowchart LR\n");
        nodes.labels.forEach((id, label) -> text.append("  ").append(id).append("[\"").append(label).append("\"]\n"));
        edges.forEach(edge -> text.append("  ").append(edge).append('\n'));
        return text.toString();
    }

    /** The phases in order, with their step counts. */
    static String phases(Plan plan) {
        StringBuilder text = new StringBuilder("flowchart TD\n");
        for (Phase phase : plan.phases()) {
            text.append("  p").append(phase.phase()).append("[\"").append(phase.phase()).append(' ')
                    .append(phase.name()).append(": ").append(phase.steps().size()).append(" steps\"]\n");
        }
        for (int i = 1; i < plan.phases().size(); i++) {
            text.append("  p").append(i - 1).append(" --> p").append(i).append('\n');
        }
        return text.toString();
    }

    private static String identityLabel(Target target) {
        return Target.APPLICATION.equals(target.kind()) ? "app " + target.name() : target.name();
    }

    /** Assigns ids by first use and keeps labels; a key's first line is the label. */
    private static final class Nodes {
        private final Map<String, String> ids = new TreeMap<>();
        private final Map<String, String> labels = new LinkedHashMap<>();

        String id(String prefix, String key) {
            return ids.computeIfAbsent(prefix + ":" + key, k -> {
                String id = prefix + ids.keySet().stream().filter(existing -> existing.startsWith(prefix + ":"))
                        .count();
                labels.put(id, key.split("\n")[0].replace("\"", "#quot;"));
                return id;
            });
        }
    }
}
