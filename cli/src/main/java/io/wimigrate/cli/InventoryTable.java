package io.wimigrate.cli;

import io.wimigrate.scanner.model.AzureIdentity;
import io.wimigrate.scanner.model.AzureIdentityBinding;
import io.wimigrate.scanner.model.BoundIdentity;
import io.wimigrate.scanner.model.ClusterInventory;
import io.wimigrate.scanner.model.Finding;
import io.wimigrate.scanner.model.Inventory;
import io.wimigrate.scanner.model.Location;
import io.wimigrate.scanner.model.ObjectRef;
import io.wimigrate.scanner.model.PodIdentityInstall;
import io.wimigrate.scanner.model.RepoInventory;
import io.wimigrate.scanner.model.Severity;
import io.wimigrate.scanner.model.SpSecret;
import io.wimigrate.scanner.model.Workload;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The human rendering of an inventory: one block per cluster and per repository, then a findings summary. */
final class InventoryTable {

    private InventoryTable() {
    }

    static String render(Inventory inventory) {
        StringBuilder text = new StringBuilder();
        inventory.clusters().forEach(cluster -> text.append(cluster(cluster, inventory.findings())).append('\n'));
        inventory.repos().forEach(repo -> text.append(repo(repo, inventory.findings())).append('\n'));
        text.append(summary(inventory.findings()));
        return text.toString();
    }

    private static String cluster(ClusterInventory cluster, List<Finding> findings) {
        StringBuilder text = new StringBuilder("Cluster ").append(cluster.name()).append('\n');
        text.append("  OIDC issuer:                ").append(orNone(cluster.oidcIssuer())).append('\n');
        text.append("  Workload identity webhook:  ").append(cluster.webhook() == null ? "not installed"
                : cluster.webhook().configuration().name() + (cluster.webhook().namespace() == null ? ""
                        // a webhook reached by URL rather than through a Service has no namespace of its own
                        : " (" + cluster.webhook().namespace() + ")")).append('\n');
        text.append("  AAD Pod Identity:           ").append(install(cluster.podIdentity())).append("\n\n");

        TextTable identities = new TextTable("AZURE IDENTITY", "TYPE", "CLIENT ID", "BINDINGS");
        for (AzureIdentity identity : cluster.azureIdentities()) {
            long bindings = cluster.bindings().stream()
                    .filter(b -> b.azureIdentity().equals(identity.ref().name())).count();
            identities.row(namespaced(identity.ref()), identity.type().label(), identity.clientId(), bindings);
        }
        section(text, identities);

        TextTable bindings = new TextTable("BINDING", "SELECTOR", "IDENTITY");
        for (AzureIdentityBinding binding : cluster.bindings()) {
            bindings.row(namespaced(binding.ref()), binding.selector(), binding.azureIdentity());
        }
        section(text, bindings);

        TextTable workloads = new TextTable("WORKLOAD", "SERVICE ACCOUNT", "IDENTITIES", "SP SECRETS", "GITOPS");
        for (Workload workload : cluster.workloads()) {
            workloads.row(workload.ref().display(), workload.serviceAccount(),
                    join(workload.identities(), BoundIdentity::identity),
                    join(workload.secretUses(), use -> use.secret()),
                    workload.ownership() != null && workload.ownership().gitops() ? workload.ownership().manager()
                            : null);
        }
        section(text, workloads);

        TextTable secrets = new TextTable("SP SECRET", "KEYS", "REFERENCED BY", "CONSUMERS");
        for (SpSecret secret : cluster.spSecrets()) {
            secrets.row(secret.ref().display(), String.join(",", secret.keys()), displays(secret.referencedBy()),
                    displays(secret.consumers()));
        }
        section(text, secrets);

        TextTable objectFindings = new TextTable("OBJECT", "SEVERITY", "RULE", "MESSAGE");
        findings.stream()
                .filter(f -> f.location() instanceof Location.InCluster in && in.cluster().equals(cluster.name()))
                .forEach(f -> objectFindings.row(((Location.InCluster) f.location()).object().display(),
                        f.severity().sarifLevel(), f.rule(), f.message()));
        section(text, objectFindings);
        return text.toString();
    }

    private static String repo(RepoInventory repo, List<Finding> findings) {
        StringBuilder text = new StringBuilder("Repository ").append(repo.root())
                .append(" (").append(repo.filesScanned()).append(" files)\n\n");
        TextTable table = new TextTable("LOCATION", "SEVERITY", "RULE", "MESSAGE");
        findings.stream()
                .filter(f -> f.location() instanceof Location.InFile file && file.root().equals(repo.root()))
                .forEach(f -> {
                    Location.InFile file = (Location.InFile) f.location();
                    String where = file.line() == 0 ? file.path() : file.path() + ":" + file.line();
                    table.row(where, f.severity().sarifLevel(), f.rule(), f.message());
                });
        section(text, table);
        return text.toString();
    }

    private static String summary(List<Finding> findings) {
        Map<Severity, Long> counts = findings.stream()
                .collect(Collectors.groupingBy(Finding::severity, Collectors.counting()));
        return "Findings: " + Arrays.stream(Severity.values())
                .map(s -> counts.getOrDefault(s, 0L) + " " + s.sarifLevel())
                .collect(Collectors.joining(", ")) + "\n";
    }

    private static void section(StringBuilder text, TextTable table) {
        if (!table.isEmpty()) {
            text.append(table.render("  ")).append('\n');
        }
    }

    private static String install(PodIdentityInstall install) {
        if (install == null) {
            return "not installed";
        }
        String where = install.release() == null ? "" : " release " + install.release();
        return install.mode().label() + where + " in " + install.namespace() + " (" + install.objects().size()
                + " objects)";
    }

    private static String namespaced(ObjectRef ref) {
        return ref.namespace() == null ? ref.name() : ref.namespace() + "/" + ref.name();
    }

    private static <T> String join(List<T> items, Function<T, ObjectRef> ref) {
        return items.isEmpty() ? null : items.stream().map(ref).map(r -> r == null ? "?" : namespaced(r))
                .distinct().collect(Collectors.joining(", "));
    }

    private static String displays(List<ObjectRef> refs) {
        return refs.isEmpty() ? null : refs.stream().map(ObjectRef::display).collect(Collectors.joining(", "));
    }

    private static String orNone(String value) {
        return value == null ? "none found" : value;
    }
}
