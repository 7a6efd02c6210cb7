package io.wimigrate.planner.render;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import io.wimigrate.planner.model.AddProxySidecarAnnotation;
import io.wimigrate.planner.model.CreateFederatedCredential;
import io.wimigrate.planner.model.CreateIdentity;
import io.wimigrate.planner.model.ManualAction;
import io.wimigrate.planner.model.Phase;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.PlanFinding;
import io.wimigrate.planner.model.PlanHeader;
import io.wimigrate.planner.model.ReuseIdentity;
import io.wimigrate.planner.model.SetServiceAccountName;
import io.wimigrate.planner.model.Step;
import io.wimigrate.planner.model.Target;
import io.wimigrate.planner.model.VerifyWorkload;
import io.wimigrate.scanner.model.Severity;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code plan.md}: the plan as a reviewer reads it in a pull request. Built from the plan alone (so
 * {@code migrate show} renders any plan file) and rendered by {@code templates/plan.md.ftl}.
 */
public final class PlanMarkdown {

    private static final Configuration FREEMARKER = configuration();

    private PlanMarkdown() {
    }

    public static String render(Plan plan) {
        try {
            Template template = FREEMARKER.getTemplate("plan.md.ftl");
            StringWriter out = new StringWriter();
            template.process(model(plan), out);
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TemplateException e) {
            throw new IllegalStateException("plan.md.ftl: " + e.getMessage(), e);
        }
    }

    /** A row of the summary table: one migrated workload. */
    public record WorkloadRow(String cluster, String namespace, String workload, String serviceAccount,
                              String identities, boolean newServiceAccount, boolean bridge, boolean gitops) {
    }

    /** A row of the identity table. */
    public record IdentityRow(String identity, String how, String clientId, int federatedCredentials,
                              String subjects) {
    }

    /** A line of a list: a step or finding in words. */
    public record Line(String id, String what, String target, String detail) {
    }

    /** A step in words: what it changes and why. */
    public record StepLine(String id, String action, boolean gitops, String target, String change, String reason) {
    }

    public record PhaseView(int phase, String name, String description, int steps, List<StepLine> lines,
                            List<String> rollback) {
    }

    static Map<String, Object> model(Plan plan) {
        Map<String, Object> model = new LinkedHashMap<>();
        Map<String, String> identityByClientId = identityNames(plan);
        model.put("header", plan.header());
        model.put("settings", settings(plan.header().azure()));
        model.put("workloads", workloads(plan, identityByClientId));
        model.put("identities", identities(plan));
        boolean clusters = plan.header().clusters().size() > 1;
        model.put("azureChanges", lines(plan.steps().stream().filter(s -> s.phase() == 1 || s.phase() == 2).toList(),
                clusters));
        model.put("risks", plan.findings().stream().filter(f -> f.severity() != Severity.NOTE)
                .map(PlanMarkdown::line).toList());
        model.put("notes", plan.findings().stream().filter(f -> f.severity() == Severity.NOTE)
                .map(PlanMarkdown::line).toList());
        model.put("manual", plan.steps().stream().filter(s -> s instanceof ManualAction).map(s -> (ManualAction) s)
                .map(m -> new Line(m.id(), "phase " + m.phase(), shortTarget(m.target(), clusters),
                        m.desired().instruction()
                        + " (" + m.reason() + ")")).toList());
        model.put("phases", plan.phases().stream().map(phase -> phase(phase, clusters)).toList());
        model.put("graph", MermaidGraphs.identities(plan));
        model.put("phaseGraph", MermaidGraphs.phases(plan));
        model.put("gitopsSteps", plan.steps().stream().filter(Step::gitops).count());
        model.put("stepCount", plan.steps().size());
        return model;
    }

    private static List<Line> settings(PlanHeader.AzureHeader azure) {
        List<Line> lines = new ArrayList<>();
        lines.add(new Line("", "Cloud", azure.cloud(), ""));
        lines.add(setting("Tenant", azure.tenant()));
        lines.add(setting("Subscription for new identities", azure.subscription()));
        lines.add(setting("Resource group for new identities", azure.resourceGroup()));
        lines.add(setting("Location for new identities", azure.location()));
        lines.add(new Line("", "Azure read", azure.azureResolved() ? "yes" : "no (offline)", azure.azureResolved()
                ? "" : "role assignments and existing federated credentials are checked at apply"));
        return lines;
    }

    private static Line setting(String what, PlanHeader.Setting setting) {
        return new Line("", what, setting.resolved() ? setting.value() : "unresolved", setting.source());
    }

    static Map<String, String> identityNames(Plan plan) {
        Map<String, String> names = new TreeMap<>();
        for (Step step : plan.steps()) {
            if (step instanceof ReuseIdentity reuse) {
                names.put(reuse.desired().clientId(), reuse.target().name());
            } else if (step instanceof CreateIdentity create) {
                names.put(create.clientIdReference(), create.target().name());
            } else if (step instanceof CreateFederatedCredential credential
                    && Target.APPLICATION.equals(credential.target().kind())) {
                names.put(credential.target().name(), "app " + credential.target().name());
            }
        }
        return names;
    }

    private static List<WorkloadRow> workloads(Plan plan, Map<String, String> identityByClientId) {
        Set<String> moved = displays(plan, SetServiceAccountName.class);
        Set<String> bridged = displays(plan, AddProxySidecarAnnotation.class);
        Set<String> gitops = plan.steps().stream().filter(Step::gitops).map(s -> s.target().display())
                .collect(Collectors.toSet());
        List<WorkloadRow> rows = new ArrayList<>();
        for (Step step : plan.steps()) {
            if (step instanceof VerifyWorkload verify) {
                Target target = verify.target();
                rows.add(new WorkloadRow(target.scope(), target.namespace(), target.kind() + "/" + target.name(),
                        verify.desired().serviceAccount(), verify.desired().clientIds().stream()
                        .map(id -> identityByClientId.getOrDefault(id, id)).collect(Collectors.joining(", ")),
                        moved.contains(target.display()), bridged.contains(target.display()),
                        gitops.contains(target.display())));
            }
        }
        rows.sort(java.util.Comparator.comparing(WorkloadRow::cluster).thenComparing(WorkloadRow::namespace)
                .thenComparing(WorkloadRow::workload));
        return rows;
    }

    private static List<IdentityRow> identities(Plan plan) {
        Map<String, IdentityRow> rows = new TreeMap<>();
        Map<String, Set<String>> subjects = new TreeMap<>();
        for (Step step : plan.steps()) {
            if (step instanceof ReuseIdentity reuse) {
                rows.put(reuse.target().name(), new IdentityRow(reuse.target().name(), "reused (type 0)",
                        reuse.desired().clientId(), 0, ""));
            } else if (step instanceof CreateIdentity create) {
                rows.put(create.target().name(), new IdentityRow(create.target().name(), "created, replaces "
                        + create.desired().replaces(), "known after apply", 0, ""));
            } else if (step instanceof CreateFederatedCredential credential) {
                String name = Target.APPLICATION.equals(credential.target().kind()) ? "app "
                        + credential.target().name() : credential.target().name();
                rows.putIfAbsent(name, new IdentityRow(name, "app registration, federated (app-fic)",
                        credential.target().name(), 0, ""));
                subjects.computeIfAbsent(name, k -> new TreeSet<>()).add(credential.desired().subject()
                        .substring("system:serviceaccount:".length()));
            }
        }
        return rows.values().stream().map(row -> {
            Set<String> used = subjects.getOrDefault(row.identity(), Set.of());
            return new IdentityRow(row.identity(), row.how(), row.clientId(), used.size(), String.join(", ", used));
        }).toList();
    }

    private static Set<String> displays(Plan plan, Class<? extends Step> type) {
        return plan.steps().stream().filter(type::isInstance).map(s -> s.target().display())
                .collect(Collectors.toSet());
    }

    /** Rollback walks the journal backwards; per phase, what it undoes, counted by inverse action. */
    private static PhaseView phase(Phase phase, boolean clusters) {
        Map<String, Long> inverses = phase.steps().stream()
                .filter(step -> !"none".equals(step.inverse().action()))
                .collect(Collectors.groupingBy(step -> step.inverse().action(), TreeMap::new, Collectors.counting()));
        List<String> rollback = inverses.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue()).toList();
        return new PhaseView(phase.phase(), phase.name(), phase.description(), phase.steps().size(),
                lines(phase.steps(), clusters), rollback);
    }

    private static List<StepLine> lines(List<Step> steps, boolean clusters) {
        return steps.stream().map(s -> new StepLine(s.id(), s.action(), s.gitops(), shortTarget(s.target(), clusters),
                StepDescriptions.of(s), s.reason())).toList();
    }

    /**
     * {@code Kind/namespace/name}: the cluster only when the plan has several, the Azure scope never (the settings
     * table gives it), so the file stays short enough for a pull-request comment.
     */
    public static String shortTarget(Target target, boolean clusters) {
        String object = target.namespace() == null ? target.kind() + "/" + target.name()
                : target.kind() + "/" + target.namespace() + "/" + target.name();
        return target.isKubernetes() && clusters ? target.scope() + ": " + object : object;
    }

    private static Line line(PlanFinding finding) {
        return new Line(finding.id(), finding.rule(), finding.subject(), finding.message());
    }

    private static Configuration configuration() {
        Configuration configuration = new Configuration(Configuration.VERSION_2_3_34);
        configuration.setClassForTemplateLoading(PlanMarkdown.class, "");
        configuration.setDefaultEncoding("UTF-8");
        configuration.setLocale(Locale.ROOT);
        configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        configuration.setLogTemplateExceptions(false);
        configuration.setWrapUncheckedExceptions(true);
        configuration.setFallbackOnNullLoopVariable(false);
        configuration.setOutputEncoding("UTF-8");
        configuration.setNumberFormat("computer");
        return configuration;
    }
}
