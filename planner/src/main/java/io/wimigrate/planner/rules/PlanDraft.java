package io.wimigrate.planner.rules;

import io.wimigrate.planner.PlanRequest;
import io.wimigrate.planner.model.PlanFinding;
import io.wimigrate.planner.model.PlanHeader;
import io.wimigrate.planner.model.Step;
import io.wimigrate.scanner.model.AzureIdentity;
import io.wimigrate.scanner.model.BoundIdentity;
import io.wimigrate.scanner.model.ClusterInventory;
import io.wimigrate.scanner.model.Inventory;
import io.wimigrate.scanner.model.ObjectRef;
import io.wimigrate.scanner.model.SecretUse;
import io.wimigrate.scanner.model.Severity;
import io.wimigrate.scanner.model.SpSecret;
import io.wimigrate.scanner.model.Workload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The plan while rules build it: the inputs, the decisions taken so far, steps, findings and fatal problems. */
public final class PlanDraft {

    private final PlanRequest request;
    private final PlanHeader.AzureHeader azure;
    private final List<MigratingWorkload> workloads;
    private final Map<String, PlanHeader.SpStrategy.Choice> strategies = new TreeMap<>();
    private final Map<String, MappedIdentity> identities = new TreeMap<>();
    private final Map<String, ObjectRef> serviceAccounts = new TreeMap<>();
    private final Map<String, List<CredentialSource>> primaryFirst = new TreeMap<>();
    private final Map<String, Step> steps = new LinkedHashMap<>();
    private final Map<String, PlanFinding> findings = new TreeMap<>();
    private final Set<String> problems = new LinkedHashSet<>();

    public PlanDraft(PlanRequest request, PlanHeader.AzureHeader azure) {
        this.request = request;
        this.azure = azure;
        this.workloads = migratingWorkloads(request.inventory());
    }

    public PlanRequest request() {
        return request;
    }

    public Inventory inventory() {
        return request.inventory();
    }

    public PlanHeader.AzureHeader azure() {
        return azure;
    }

    /** Workloads that use pod identity or read service-principal Secrets, sorted by cluster and object. */
    public List<MigratingWorkload> workloads() {
        return workloads;
    }

    public ClusterInventory cluster(String name) {
        return inventory().clusters().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    /** Every credential source some workload uses, once, sorted by key. */
    public List<CredentialSource> sources() {
        Map<String, CredentialSource> unique = new TreeMap<>();
        workloads.forEach(w -> w.sources().forEach(s -> unique.putIfAbsent(s.key(), s)));
        return List.copyOf(unique.values());
    }

    public void choose(CredentialSource source, PlanHeader.SpStrategy.Choice choice) {
        strategies.put(source.key(), choice);
    }

    public Optional<PlanHeader.SpStrategy.Choice> strategy(CredentialSource source) {
        return Optional.ofNullable(strategies.get(source.key()));
    }

    public List<PlanHeader.SpStrategy.Choice> strategies() {
        return strategies.values().stream()
                .sorted(Comparator.comparing(PlanHeader.SpStrategy.Choice::servicePrincipal)).toList();
    }

    public void map(CredentialSource source, MappedIdentity identity) {
        identities.put(source.key(), identity);
    }

    public Optional<MappedIdentity> mapped(CredentialSource source) {
        return Optional.ofNullable(identities.get(source.key()));
    }

    /** The ServiceAccount a workload runs as after the migration (its current one unless a rule gave it another). */
    public ObjectRef serviceAccount(MigratingWorkload workload) {
        return serviceAccounts.getOrDefault(workload.key(), ObjectRef.of("v1", "ServiceAccount",
                workload.namespace(), workload.workload().serviceAccount()));
    }

    public void assignServiceAccount(MigratingWorkload workload, ObjectRef serviceAccount) {
        serviceAccounts.put(workload.key(), serviceAccount);
    }

    /** The workload's sources with the one whose client id goes on the ServiceAccount first. */
    public List<CredentialSource> primaryFirst(MigratingWorkload workload) {
        return primaryFirst.getOrDefault(workload.key(), workload.sources());
    }

    public void orderSources(MigratingWorkload workload, List<CredentialSource> ordered) {
        primaryFirst.put(workload.key(), List.copyOf(ordered));
    }

    /** Mapped identities of a workload, the ServiceAccount's first; sources not mapped (a problem already) left out. */
    public List<MappedIdentity> identitiesOf(MigratingWorkload workload) {
        List<MappedIdentity> result = new ArrayList<>();
        for (CredentialSource source : primaryFirst(workload)) {
            mapped(source).filter(m -> !result.contains(m)).ifPresent(result::add);
        }
        return result;
    }

    /** Adds a step; the same step (same id) from two rules or two clusters is kept once. */
    public void add(Step step) {
        steps.putIfAbsent(step.id(), step);
    }

    public List<Step> steps() {
        return List.copyOf(steps.values());
    }

    public void finding(String rule, Severity severity, String subject, String message) {
        PlanFinding finding = PlanFinding.of(rule, severity, subject, message);
        findings.putIfAbsent(finding.id(), finding);
    }

    public List<PlanFinding> findings() {
        return List.copyOf(findings.values());
    }

    /** A reason the plan cannot be written. */
    public void problem(String message) {
        problems.add(message);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Workloads that use pod identity or read service-principal Secrets, sorted by cluster and object. */
    public static List<MigratingWorkload> migratingWorkloads(Inventory inventory) {
        List<MigratingWorkload> result = new ArrayList<>();
        for (ClusterInventory cluster : inventory.clusters()) {
            Map<String, AzureIdentity> identities = new HashMap<>();
            cluster.azureIdentities().forEach(i -> identities.put(i.ref().namespace() + "/" + i.ref().name(), i));
            Map<String, SpSecret> secrets = new HashMap<>();
            cluster.spSecrets().forEach(s -> secrets.put(s.ref().namespace() + "/" + s.ref().name(), s));
            for (Workload workload : cluster.workloads()) {
                Map<String, CredentialSource> sources = new LinkedHashMap<>();
                for (BoundIdentity bound : workload.identities()) {
                    if (bound.identity() != null) {
                        AzureIdentity identity = identities.get(bound.identity().namespace() + "/"
                                + bound.identity().name());
                        if (identity != null) {
                            CredentialSource source = CredentialSource.of(cluster.name(), identity);
                            sources.putIfAbsent(source.key(), source);
                        }
                    }
                }
                for (SecretUse use : workload.secretUses()) {
                    SpSecret secret = secrets.get(use.secret().namespace() + "/" + use.secret().name());
                    if (secret != null) {
                        CredentialSource source = CredentialSource.of(cluster.name(), secret);
                        sources.putIfAbsent(source.key(), source);
                    }
                }
                if (!sources.isEmpty()) {
                    result.add(new MigratingWorkload(cluster.name(), workload, List.copyOf(sources.values())));
                }
            }
        }
        result.sort(Comparator.comparing(MigratingWorkload::key));
        return List.copyOf(result);
    }
}
