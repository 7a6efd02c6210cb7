package io.wimigrate.executor;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.localcluster.LocalCluster;
import io.wimigrate.planner.io.PlanCodec;
import io.wimigrate.planner.model.CheckPreflight;
import io.wimigrate.planner.model.CopyRoleAssignment;
import io.wimigrate.planner.model.CreateFederatedCredential;
import io.wimigrate.planner.model.CreateIdentity;
import io.wimigrate.planner.model.CreateServiceAccount;
import io.wimigrate.planner.model.Phase;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.PlanHeader;
import io.wimigrate.planner.model.SetServiceAccountName;
import io.wimigrate.planner.model.Step;
import io.wimigrate.planner.model.Target;
import io.wimigrate.planner.model.VerifyWorkload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Plans written and read back through {@link PlanCodec} (schema, ids, digest), made for the local cluster: its
 * kube-system uid and OIDC issuer, Azure marked as read.
 */
final class TestPlans {

    static final String CLUSTER = "local";
    static final String SUBSCRIPTION = "00000000-0000-0000-0000-0000000000aa";

    private final List<Step> steps = new ArrayList<>();
    private final String tag;

    TestPlans(String tag) {
        this.tag = tag;
    }

    /** Phase 0 check, then per identity: create, copy a role, two federated credentials (phases 1 and 2). */
    TestPlans identities(int count) {
        steps.add(new CheckPreflight(Target.cluster(CLUSTER), new CheckPreflight.Desired("oidc-issuer", "enabled"),
                "test " + tag));
        for (int i = 0; i < count; i++) {
            Target identity = Target.identity(SUBSCRIPTION, "rg-" + tag, "id-" + i);
            CreateIdentity create = new CreateIdentity(identity, new CreateIdentity.Desired("eastus", "sp-" + i),
                    "test");
            steps.add(create);
            steps.add(new CopyRoleAssignment(identity, new CopyRoleAssignment.Desired("sp-" + i,
                    create.clientIdReference(), "Reader", "/subscriptions/" + SUBSCRIPTION), "test"));
            for (int f = 0; f < 2; f++) {
                steps.add(new CreateFederatedCredential(identity, new CreateFederatedCredential.Desired("fic-" + f,
                        "$(Cluster/" + CLUSTER + ".oidcIssuer)", "system:serviceaccount:ns-" + f + ":sa-" + i,
                        CreateFederatedCredential.AUDIENCE), "test"));
            }
        }
        return this;
    }

    /** Phase 3 and 4 steps in {@code namespace}: a ServiceAccount, a Deployment pointed at it, its verification. */
    TestPlans workload(String namespace, String name) {
        steps.add(new CreateServiceAccount(Target.kube(CLUSTER, "v1", "ServiceAccount", namespace, name),
                new CreateServiceAccount.Desired(new TreeMap<>()), false, "test"));
        Target deployment = Target.kube(CLUSTER, "apps/v1", "Deployment", namespace, name);
        steps.add(new SetServiceAccountName(deployment, new SetServiceAccountName.Desired("spec.template.spec",
                name), "default", false, "test"));
        steps.add(new VerifyWorkload(deployment, new VerifyWorkload.Desired(name, List.of("client"), List.of()),
                "test"));
        return this;
    }

    List<Step> steps() {
        return List.copyOf(steps);
    }

    TestPlans step(Step step) {
        steps.add(step);
        return this;
    }

    Path write(Path directory, LocalCluster cluster, KubernetesClient client) {
        return write(directory, new PlanHeader.ClusterHeader(CLUSTER, cluster.issuerUrl(),
                client.namespaces().withName("kube-system").get().getMetadata().getUid()), true);
    }

    Path write(Path directory, PlanHeader.ClusterHeader cluster, boolean azureResolved) {
        List<Phase> phases = new ArrayList<>();
        for (int number = 0; number < Phase.NAMES.size(); number++) {
            int phase = number;
            phases.add(Phase.of(number, steps.stream().filter(s -> s.phase() == phase).toList()));
        }
        PlanHeader.Setting tenant = new PlanHeader.Setting("72f988bf-86f1-41af-91ab-2d7cd011db47", "option");
        PlanHeader header = new PlanHeader(null, List.of(cluster), new PlanHeader.AzureHeader("AzureCloud", tenant,
                new PlanHeader.Setting(SUBSCRIPTION, "option"), new PlanHeader.Setting("rg-" + tag, "option"),
                new PlanHeader.Setting("eastus", "option"), List.of(SUBSCRIPTION), azureResolved),
                new PlanHeader.SpStrategy("uami", List.of()), List.of());
        Plan plan = Plan.of(header, List.of(), phases);
        try {
            Path file = Files.createDirectories(directory).resolve("plan.yaml");
            Files.writeString(file, PlanCodec.write(plan));
            PlanCodec.read(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
