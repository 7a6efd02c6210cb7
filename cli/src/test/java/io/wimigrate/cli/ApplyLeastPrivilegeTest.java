package io.wimigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.executor.ToolNamespace;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.planner.io.PlanCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The apply roles of {@code deploy/rbac/wimigrate-apply.yaml} (with {@code wimigrate-scan}) are exactly enough: the
 * examples migrated by {@code migrate} processes running as a ServiceAccount bound to exactly these roles (apply phase
 * by phase, verify, status, rollback) end with the world as it was. Each permission is needed: the API server's
 * audit log shows every one used by an allowed request (the few the examples cannot exercise are listed), and one
 * removal per rule, made just before the stage that first needs it, fails that stage with exit 1 and a message
 * naming the verb and the resource, leaves no step in flight, and the stage run again with the whole role completes.
 * Removals are made in a single pass through the migration: a stage whose removals are done runs with the whole role,
 * so the next stage starts where an operator's would.
 */
@Tag("live-cluster")
@ExtendWith(LocalClusterExtension.class)
@LocalClusterExtension.OwnClusters
class ApplyLeastPrivilegeTest {

    private static final Path RBAC = Cli.PROJECT_ROOT.resolve("deploy/rbac");
    private static final String OPERATORS = "wimigrate-operators";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One permission taken away (from {@code wimigrate-apply}, or for leases and ConfigMaps from the Role
     * {@code wimigrate-apply-state}) before {@code stage} runs. What apply's phase-0
     * preflight checks by access review ({@code preflight}) is refused there, before anything changes; those removals
     * of a stage are made together, in one run, since each review is independent and the refusal names them all.
     */
    private record Removal(String stage, String verb, String group, String resource, boolean preflight) {

        boolean state() {
            return resource.equals("leases") || resource.equals("configmaps");
        }

        /** What the failure names: the preflight's access review, or the denied request (Forbidden's wording). */
        String says() {
            String qualified = group.isEmpty() ? resource : resource + "." + group;
            return preflight ? verb + " " + (group.isEmpty() ? "" : group + "/") + resource
                    : "(verb " + verb + ", resource " + resource + ", group " + (group.isEmpty() ? "core" : group)
                    + ") — grant " + verb + " on " + qualified;
        }
    }

    /**
     * One removal per rule, in the order the migration first needs them (from the audit log: {@link
     * #printFirstUses}); within phase 6 the order is remove-pod-identity-install's (workloads, RBAC objects and
     * ServiceAccounts, then CRDs), within rollback the reverse. verify and status get one each too, so every command
     * is seen naming what it lacks.
     */
    private static final List<Removal> REMOVALS = List.of(
            new Removal("apply 0", "get", "", "namespaces", false),
            new Removal("apply 0", "create", "coordination.k8s.io", "leases", false),
            new Removal("apply 0", "list", "", "configmaps", false),
            new Removal("apply 0", "create", "", "serviceaccounts/token", true),
            new Removal("apply 0", "update", "apps", "statefulsets", true),
            new Removal("apply 0", "update", "batch", "cronjobs", true),
            new Removal("apply 0", "create", "", "secrets", true),
            new Removal("apply 0", "delete", "aadpodidentity.k8s.io", "azureidentities", true),
            new Removal("apply 0", "get", "admissionregistration.k8s.io", "mutatingwebhookconfigurations", false),
            new Removal("apply 3", "update", "", "pods", false),
            new Removal("apply 6", "delete", "rbac.authorization.k8s.io", "clusterroles", false),
            new Removal("apply 6", "delete", "rbac.authorization.k8s.io", "clusterrolebindings", false),
            new Removal("apply 6", "delete", "", "serviceaccounts", false),
            new Removal("apply 6", "delete", "apiextensions.k8s.io", "customresourcedefinitions", false),
            new Removal("verify", "create", "", "serviceaccounts/token", false),
            new Removal("status", "list", "", "configmaps", false),
            new Removal("rollback", "create", "apps", "daemonsets", false));

    /** Permissions the examples cannot show in use, and why; the rules holding only these get no removal. */
    private static final Map<String, String> NOT_EXERCISED = Map.ofEntries(
            Map.entry("update daemonsets", "the examples migrate no DaemonSet workload (NMI is deleted, recreated)"),
            Map.entry("watch daemonsets", "no DaemonSet workload is restarted"),
            Map.entry("get jobs", "the examples have no Job to rerun"),
            Map.entry("watch jobs", "the examples have no Job to rerun"),
            Map.entry("create jobs", "the examples have no Job to rerun"),
            Map.entry("delete jobs", "the examples have no Job to rerun"),
            Map.entry("update secrets", "only a backup left by an interrupted move of an older Secret is updated"),
            Map.entry("escalate clusterroles", "checked by the API server when NMI/MIC's ClusterRoles are recreated;"
                    + " not a request of its own"),
            Map.entry("bind clusterroles", "checked by the API server when NMI/MIC's ClusterRoleBindings are"
                    + " recreated; not a request of its own"));

    /**
     * Permissions a run uses or not depending on timing: a wait reads first and watches only while its condition does
     * not hold yet (a recreated bare pod on kwok is often ready by then).
     */
    private static final Set<String> USED_WHEN_SLOW = Set.of("watch pods");

    private static final List<String> STAGES = List.of("apply 0", "apply 1", "apply 2", "apply 3", "apply 4",
            "apply 5", "apply 6", "verify", "status", "rollback");

    @TempDir
    Path work;

    private DemoWorld world;
    private ServiceAccountKubeconfig operator;
    private String plan;

    @Test
    void theApplyRolesAreEnoughAndEachRuleIsNeededAndNamedWhenMissing() throws Exception {
        long start = System.nanoTime();
        try (DemoWorld started = DemoWorld.start(Cli.PROJECT_ROOT.resolve("examples"), work, new PrintStream(
                PrintStream.nullOutputStream(), true, StandardCharsets.UTF_8), true)) {
            world = started;
            System.out.printf("demo world ready after %.1f s%n", (System.nanoTime() - start) / 1e9);
            plan = work.resolve("plan.yaml").toString();
            KubernetesClient kube = world.kube();
            ClusterRole scan = (ClusterRole) install(kube, "wimigrate-scan.yaml").get(0);
            List<HasMetadata> applyRoles = install(kube, "wimigrate-apply.yaml");
            ClusterRole apply = (ClusterRole) applyRoles.stream().filter(ClusterRole.class::isInstance).findFirst()
                    .orElseThrow();
            Role state = (Role) applyRoles.stream().filter(Role.class::isInstance).findFirst().orElseThrow();
            operator = ServiceAccountKubeconfig.create(kube, world.cluster(), work, OPERATORS, "operator",
                    "wimigrate-scan", "wimigrate-apply");
            kube.rbac().roleBindings().inNamespace(ToolNamespace.NAME).resource(new RoleBindingBuilder()
                    .withNewMetadata().withName("operator-wimigrate-apply-state").endMetadata()
                    .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role")
                    .withName(state.getMetadata().getName()).endRoleRef()
                    .addNewSubject().withKind("ServiceAccount").withName("operator").withNamespace(OPERATORS)
                    .endSubject().build()).serverSideApply();
            operator.awaitAccess(kube, "create", "coordination.k8s.io", "leases", ToolNamespace.NAME, null, true);
            WorldSnapshot before = WorldSnapshot.of(kube, world.azure());

            WorldCommands.Run made = migrate("plan", "--repo", world.repo().toString(), "--location", DemoWorld.LOCATION,
                    "--out", work.toString());
            assertThat(made.exit()).as(made.output()).isZero();
            System.out.printf("roles bound and plan made after %.1f s%n", (System.nanoTime() - start) / 1e9);
            long mark = AuditedRequests.size(world.cluster().auditLog());
            Map<String, Long> stageEnds = new java.util.LinkedHashMap<>();
            List<Removal> done = new ArrayList<>();
            try {
                for (String stage : STAGES) {
                    if (stage.equals("apply 5")) {
                        WorldCommands.Run rewrite = WorldCommands.run(world, List.of("rewrite", "--repo",
                                world.repo().toString(), "--plan", plan, "--write"), null);
                        assertThat(rewrite.exit()).as(rewrite.output()).isZero();
                    }
                    for (List<Removal> together : batches(stage)) {
                        List<String> journal = journal();
                        change(kube, apply, together.stream().filter(r -> !r.state()).toList(), false);
                        change(kube, state, together.stream().filter(Removal::state).toList(), false);
                        WorldCommands.Run denied = run(stage, together);
                        change(kube, apply, together.stream().filter(r -> !r.state()).toList(), true);
                        change(kube, state, together.stream().filter(Removal::state).toList(), true);

                        assertThat(denied.exit()).as(together + "\n" + denied.output())
                                .isEqualTo(ExitCode.FAILURE);
                        for (Removal removal : together) {
                            assertThat(denied.output()).as(removal.toString()).contains(removal.says());
                        }
                        assertThat(denied.output()).doesNotContain(operator.token());
                        assertNothingInFlight(journal, denied.output(), together);
                        done.addAll(together);
                    }
                    WorldCommands.Run whole = run(stage, List.of());
                    stageEnds.put(stage, AuditedRequests.size(world.cluster().auditLog()));
                    assertThat(whole.exit()).as(stage + "\n" + whole.output()).isZero();
                }
            } finally {
                stageEnds.putIfAbsent("(the stage that failed)", Long.MAX_VALUE);
                printFirstUses(mark, stageEnds);
            }

            SoftAssertions softly = new SoftAssertions();
            softly.assertThat(WorldSnapshot.of(kube, world.azure()).objects()).as("the world after rollback")
                    .isEqualTo(before.objects());
            List<AuditedRequests.Request> requests = AuditedRequests.of(world.cluster().auditLog(), mark,
                    Long.MAX_VALUE, operator.user());
            softly.assertThat(requests.stream().filter(r -> !r.allowed()).map(r -> r.verb() + " " + r.resource())
                    .distinct().toList()).as("the only denied requests are those of the removals")
                    .hasSameElementsAs(done.stream().filter(r -> !r.preflight())
                            .map(r -> r.verb() + " " + r.resource()).toList());
            Set<String> unused = unused(apply.getRules(), scan.getRules(), requests, null);
            Set<String> mayGoUnused = new TreeSet<>(NOT_EXERCISED.keySet());
            mayGoUnused.addAll(USED_WHEN_SLOW);
            softly.assertThat(unused)
                    .as("permissions of wimigrate-apply used by no request wimigrate-scan does not allow")
                    .containsAll(NOT_EXERCISED.keySet()).isSubsetOf(mayGoUnused);
            softly.assertThat(unused(state.getRules(), scan.getRules(), requests, ToolNamespace.NAME))
                    .as("permissions of wimigrate-apply-state never used").isEmpty();
            Set<String> azureActions = new TreeSet<>();
            world.azure().requestLog().all().forEach(request -> request.armAction().ifPresent(azureActions::add));
            Set<String> azureRole = new TreeSet<>();
            JSON.readTree(Cli.PROJECT_ROOT.resolve("deploy/azure/wimigrate-apply.json").toFile()).get("Actions")
                    .forEach(action -> azureRole.add(action.asText()));
            softly.assertThat(azureActions).as("the ARM actions of plan, apply, verify, rollback: the custom role's")
                    .isEqualTo(azureRole);
            softly.assertThat(done.stream().map(r -> rule(r.state() ? state : apply, r))
                    .collect(Collectors.toSet()))
                    .as("a removal for every rule").isEqualTo(Stream.concat(rules(apply).stream(),
                            rules(state).stream()).filter(ApplyLeastPrivilegeTest::exercised)
                            .collect(Collectors.toSet()));
            System.out.printf("world and audit log checked after %.1f s%n", (System.nanoTime() - start) / 1e9);
            softly.assertAll();
        }
    }

    /** The stage each (verb, resource) the operator used first appears in: the table above is made from it. */
    private void printFirstUses(long from, Map<String, Long> stageEnds) {
        Map<String, String> first = new java.util.LinkedHashMap<>();
        long start = from;
        for (Map.Entry<String, Long> stage : stageEnds.entrySet()) {
            for (AuditedRequests.Request request : AuditedRequests.of(world.cluster().auditLog(), start,
                    stage.getValue(), operator.user())) {
                first.putIfAbsent(request.verb() + " " + request.group() + "/" + request.resource()
                        + (request.resource() == null ? " " + request.path() : ""), stage.getKey());
            }
            start = stage.getValue();
        }
        first.forEach((use, stage) -> System.out.println("first use: " + use + " in " + stage));
    }

    /**
     * Runs {@code stage} with {@code removals} taken away; a run that is to be denied applies one step at a time, so it
     * stops at the first step that needs the removed permission, the others at the default parallelism.
     */
    private WorldCommands.Run run(String stage, List<Removal> removals) {
        List<String> args = new ArrayList<>();
        if (stage.startsWith("apply ")) {
            args.addAll(List.of("apply", plan, "--phase", stage.substring("apply ".length())));
            if (!removals.isEmpty()) {
                args.addAll(List.of("--parallelism", "1"));
            }
            args.addAll(DemoWorld.applyOptions(PlanCodec.read(Path.of(plan))));
        } else {
            args.addAll(List.of(stage, plan));
        }
        if (stage.equals("rollback")) {
            args.add("--yes");
        }
        long start = System.nanoTime();
        WorldCommands.Run run = migrate(args.toArray(String[]::new));
        System.out.printf("%s%s: exit %d in %.1f s%s%n", stage, removals.isEmpty() ? "" : " without " + removals,
                run.exit(), (System.nanoTime() - start) / 1e9, run.output().lines().filter(line ->
                        line.contains("forbidden") || line.contains("may not")).findFirst().map(line -> "\n  " + line)
                        .orElse(""));
        return run;
    }

    private WorldCommands.Run migrate(String... args) {
        List<String> command = new ArrayList<>(List.of(args));
        command.addAll(List.of("--kubeconfig", operator.path()));
        command.addAll(world.azureOptions());
        return WorldCommands.run(world, command, null);
    }

    /** Every (verb, resource) a rule grants that no allowed request of the operator used, as "verb resource". */
    private static Set<String> unused(List<PolicyRule> rules, List<PolicyRule> scan,
                                      List<AuditedRequests.Request> requests, String namespace) {
        Set<String> unused = new TreeSet<>();
        for (PolicyRule rule : rules) {
            if (rule.getResources().isEmpty()) {
                // The OIDC documents: system:service-account-issuer-discovery lets every ServiceAccount read them.
                continue;
            }
            for (String resource : rule.getResources()) {
                for (String verb : rule.getVerbs()) {
                    PolicyRule one = new PolicyRuleBuilder(rule).withResources(resource).withVerbs(verb).build();
                    if (requests.stream().noneMatch(r -> r.allowed() && r.matches(one)
                            && scan.stream().noneMatch(r::matches)
                            && (namespace == null || namespace.equals(r.namespace())))) {
                        unused.add(verb + " " + resource);
                    }
                }
            }
        }
        return unused;
    }

    /** The removals of {@code stage} in table order, the preflight ones of the stage in one batch. */
    private static List<List<Removal>> batches(String stage) {
        List<List<Removal>> batches = new ArrayList<>();
        List<Removal> preflight = new ArrayList<>();
        for (Removal removal : REMOVALS.stream().filter(r -> r.stage().equals(stage)).toList()) {
            if (!removal.preflight()) {
                batches.add(List.of(removal));
            } else if (preflight.isEmpty()) {
                preflight.add(removal);
                batches.add(preflight);
            } else {
                preflight.add(removal);
            }
        }
        return batches;
    }

    /** A rule for resources with a permission the examples use. */
    private static boolean exercised(PolicyRule rule) {
        return rule.getResources().stream().anyMatch(resource -> rule.getVerbs().stream()
                .anyMatch(verb -> !NOT_EXERCISED.containsKey(verb + " " + resource)));
    }

    /** The rule of {@code role} that grants what {@code removal} takes away. */
    private static PolicyRule rule(HasMetadata role, Removal removal) {
        return rules(role).stream().filter(rule -> covers(rule, removal)).findFirst().orElseThrow(
                () -> new AssertionError(removal + ": no rule of " + role.getMetadata().getName() + " grants it"));
    }

    private static boolean covers(PolicyRule rule, Removal removal) {
        return rule.getApiGroups().contains(removal.group()) && rule.getVerbs().contains(removal.verb())
                && (rule.getResources().contains(removal.resource()) || rule.getResources().contains("*"));
    }

    /** The stopped run left no step started or reverting, and journaled the step it stopped at as failed. */
    private void assertNothingInFlight(List<String> before, String output, List<Removal> removal)
            throws IOException {
        List<String> after = journal();
        Map<String, String> latest = new HashMap<>();
        for (String line : after) {
            JsonNode entry = JSON.readTree(line);
            latest.put(entry.path("step").asText(), state(entry));
        }
        assertThat(latest.values()).as(removal + ": steps left in flight").doesNotContain("started", "reverting");
        List<String> added = after.subList(before.size(), after.size());
        if (!added.isEmpty()) {
            JsonNode last = JSON.readTree(added.get(added.size() - 1));
            assertThat(state(last)).as(removal.toString()).isIn("failed", "revert-failed");
            assertThat(output).contains(last.path("step").asText());
        }
    }

    private static String state(JsonNode entry) {
        return entry.path("state").asText().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The local journal's lines (the in-cluster copy is the same: the executor writes both). */
    private List<String> journal() throws IOException {
        Path directory = work.resolve(".wimigrate/journal");
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                lines.addAll(Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList());
            }
        }
        return lines;
    }

    private static List<HasMetadata> install(KubernetesClient kube, String file) throws IOException {
        try (InputStream in = Files.newInputStream(RBAC.resolve(file))) {
            List<HasMetadata> objects = kube.load(in).items();
            objects.forEach(object -> kube.resource(object).forceConflicts().serverSideApply());
            return objects;
        }
    }

    /** Takes {@code removals} away from {@code role} (or, {@code restore}, gives it its shipped rules back). */
    private void change(KubernetesClient kube, HasMetadata role, List<Removal> removals, boolean restore)
            throws InterruptedException {
        if (removals.isEmpty()) {
            return;
        }
        List<PolicyRule> rules = rules(role);
        if (!restore) {
            for (Removal removal : removals) {
                rules = without(rules, removal);
            }
        }
        replace(kube, role, rules);
        for (Removal removal : removals) {
            awaitAccess(kube, removal, restore);
        }
    }

    private static List<PolicyRule> without(List<PolicyRule> rules, Removal removal) {
        List<PolicyRule> kept = new ArrayList<>();
        for (PolicyRule rule : rules) {
            if (!covers(rule, removal)) {
                kept.add(rule);
                continue;
            }
            // "*" cannot be narrowed to all but one resource: the verb goes for every resource of the group.
            List<String> others = rule.getResources().stream().filter(r -> !r.equals(removal.resource())
                    && !r.equals("*")).toList();
            if (rule.getResources().contains("*")) {
                List<String> verbs = rule.getVerbs().stream().filter(v -> !v.equals(removal.verb())).toList();
                if (!verbs.isEmpty()) {
                    kept.add(new PolicyRuleBuilder(rule).withVerbs(verbs).build());
                }
                continue;
            }
            if (!others.isEmpty()) {
                kept.add(new PolicyRuleBuilder(rule).withResources(others).build());
            }
            List<String> verbs = rule.getVerbs().stream().filter(v -> !v.equals(removal.verb())).toList();
            if (!verbs.isEmpty()) {
                kept.add(new PolicyRuleBuilder(rule).withResources(removal.resource()).withVerbs(verbs).build());
            }
        }
        return kept;
    }

    private void awaitAccess(KubernetesClient kube, Removal removal, boolean allowed) throws InterruptedException {
        String name = removal.resource().equals("namespaces") ? ToolNamespace.NAME : null;
        operator.awaitAccess(kube, removal.verb(), removal.group(), removal.resource(),
                removal.state() || name != null ? ToolNamespace.NAME : "default", name, allowed);
    }

    private static List<PolicyRule> rules(HasMetadata role) {
        return role instanceof ClusterRole cluster ? cluster.getRules() : ((Role) role).getRules();
    }

    private static void replace(KubernetesClient kube, HasMetadata role, List<PolicyRule> rules) {
        HasMetadata replaced = role instanceof ClusterRole cluster
                ? new ClusterRoleBuilder(cluster).editMetadata().withResourceVersion(null).endMetadata()
                        .withRules(rules).build()
                : new RoleBuilder((Role) role).editMetadata().withResourceVersion(null).endMetadata()
                        .withRules(rules).build();
        kube.resource(replaced).forceConflicts().serverSideApply();
    }
}
