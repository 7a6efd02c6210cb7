package io.wimigrate.rewriter;

import io.wimigrate.planner.model.AnnotateServiceAccount;
import io.wimigrate.planner.model.CreateFederatedCredential;
import io.wimigrate.planner.model.CreateIdentity;
import io.wimigrate.planner.model.CreateServiceAccount;
import io.wimigrate.planner.model.DeleteAzureIdentity;
import io.wimigrate.planner.model.DeleteBinding;
import io.wimigrate.planner.model.LabelPodTemplate;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.RemovePodIdentityLabel;
import io.wimigrate.planner.model.RemoveSecretReference;
import io.wimigrate.planner.model.SetServiceAccountName;
import io.wimigrate.planner.model.Step;
import io.wimigrate.planner.model.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Targets from the plan: the steps on an object whose manifest is in the repository are made there, whether or not
 * they are marked gitops (the repository must not put back what apply changed); a gitops step whose object has no
 * manifest here is noted, since nothing else will make it. A client id known only after apply is never written.
 */
final class PlanTargets implements ManifestTargets {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\([^)]*\\)");

    private final Plan plan;
    private final String planPath;

    PlanTargets(Plan plan, String planPath) {
        this.plan = plan;
        this.planPath = planPath;
    }

    private List<Step> stepsOn(String kind, String namespace, String name) {
        List<Step> steps = new ArrayList<>();
        for (Step step : plan.steps()) {
            Target target = step.target();
            if (target.isKubernetes() && target.kind().equals(kind) && target.name().equals(name)
                    && (namespace == null || namespace.equals(target.namespace()))) {
                steps.add(step);
            }
        }
        return steps;
    }

    @Override
    public Optional<WorkloadTarget> workload(Manifest workload, RepoManifests repo, List<RewriteNote> notes) {
        if (workload.name() == null) {
            return Optional.empty();
        }
        List<Step> steps = stepsOn(workload.kind(), workload.namespace(), workload.name());
        if (steps.isEmpty()) {
            boolean bound = workload.podLabels().flatMap(labels -> YamlFile.get(labels, RepoTargets.LABEL)).isPresent();
            if (bound || !RepoTargets.secretReferences(workload).isEmpty()) {
                notes.add(new RewriteNote(workload.path(), workload.line(), 1, "manifest-not-in-plan",
                        workload.display() + " still uses pod identity or a service-principal secret, but the plan"
                        + " has no step for it; left unchanged."));
            }
            return Optional.empty();
        }
        String namespace = steps.get(0).target().namespace();
        boolean label = steps.stream().anyMatch(LabelPodTemplate.class::isInstance);
        boolean removeLabel = steps.stream().anyMatch(RemovePodIdentityLabel.class::isInstance);
        Optional<SetServiceAccountName> rename = steps.stream().filter(SetServiceAccountName.class::isInstance)
                .map(SetServiceAccountName.class::cast).findFirst();
        List<SecretReference> secrets = steps.stream().filter(RemoveSecretReference.class::isInstance)
                .map(step -> ((RemoveSecretReference) step).desired())
                .map(d -> new SecretReference(d.container(), d.via(), d.name(), d.secret())).toList();
        String accountName = rename.map(step -> step.desired().serviceAccountName())
                .or(workload::serviceAccountName).orElse(null);
        Account account = accountName == null ? null : account(workload, namespace, accountName, notes);
        return Optional.of(new WorkloadTarget(label, removeLabel,
                rename.map(step -> step.desired().serviceAccountName()).orElse(null), account, secrets));
    }

    private Account account(Manifest workload, String namespace, String name, List<RewriteNote> notes) {
        List<Step> steps = stepsOn("ServiceAccount", namespace, name);
        SortedMap<String, String> annotations = new TreeMap<>();
        SortedMap<String, String> labels = null;
        for (Step step : steps) {
            if (step instanceof AnnotateServiceAccount annotate) {
                annotate.desired().annotations().forEach((key, value) -> {
                    if (PLACEHOLDER.matcher(value).find()) {
                        notes.add(new RewriteNote(workload.path(), workload.line(), 1, "manifest-known-after-apply",
                                "ServiceAccount " + name + ": " + key + " is " + value + ", known once migrate apply"
                                + " has run that step; add the annotation with that value by hand."));
                    } else {
                        annotations.put(key, value);
                    }
                });
            } else if (step instanceof CreateServiceAccount create) {
                labels = new TreeMap<>(create.desired().labels());
            }
        }
        return steps.isEmpty() ? null : new Account(namespace, name, annotations, labels);
    }

    @Override
    public Optional<ExplicitIdentity> explicitIdentity(List<Manifest> rewritten) {
        List<ExplicitIdentity> found = new ArrayList<>();
        for (Manifest workload : rewritten) {
            List<Step> steps = stepsOn(workload.kind(), workload.namespace(), workload.name());
            List<String> secrets = steps.stream().filter(RemoveSecretReference.class::isInstance)
                    .map(step -> ((RemoveSecretReference) step).desired().secret()).distinct().toList();
            if (steps.isEmpty() || secrets.isEmpty()) {
                continue;
            }
            String namespace = steps.get(0).target().namespace();
            String account = steps.stream().filter(SetServiceAccountName.class::isInstance)
                    .map(step -> ((SetServiceAccountName) step).desired().serviceAccountName()).findFirst()
                    .or(workload::serviceAccountName).orElse("default");
            String primary = stepsOn("ServiceAccount", namespace, account).stream()
                    .filter(AnnotateServiceAccount.class::isInstance)
                    .map(step -> ((AnnotateServiceAccount) step).desired().annotations().get(AnnotateServiceAccount.CLIENT_ID))
                    .findFirst().orElse(null);
            String subject = "system:serviceaccount:" + namespace + ":" + account;
            for (Step step : plan.steps()) {
                if (step instanceof CreateIdentity create && secrets.stream()
                        .anyMatch(secret -> create.desired().replaces().equals("Secret/" + namespace + "/" + secret))
                        && !create.clientIdReference().equals(primary)) {
                    found.add(new ExplicitIdentity(workload.display(), create.target().name(), null, create.id()));
                } else if (step instanceof CreateFederatedCredential federated
                        && federated.target().kind().equals(Target.APPLICATION)
                        && federated.desired().subject().equals(subject) && !federated.target().name().equals(primary)) {
                    found.add(new ExplicitIdentity(workload.display(), "app registration " + federated.target().name(),
                            federated.target().name(), federated.id()));
                }
            }
        }
        List<ExplicitIdentity> distinct = found.stream().distinct().toList();
        return distinct.size() == 1 ? Optional.of(distinct.get(0)) : Optional.empty();
    }

    @Override
    public boolean removes(Manifest object, RepoManifests repo, List<Manifest> rewritten) {
        return object.name() != null && stepsOn(object.kind(), object.namespace(), object.name()).stream()
                .anyMatch(step -> step instanceof DeleteBinding || step instanceof DeleteAzureIdentity);
    }

    @Override
    public void unmatched(List<Manifest> matched, List<RewriteNote> notes) {
        for (Step step : plan.steps()) {
            Target target = step.target();
            boolean manifestStep = step instanceof LabelPodTemplate || step instanceof RemovePodIdentityLabel
                    || step instanceof SetServiceAccountName || step instanceof AnnotateServiceAccount
                    || step instanceof CreateServiceAccount || step instanceof RemoveSecretReference
                    || step instanceof DeleteBinding || step instanceof DeleteAzureIdentity;
            boolean found = matched.stream().anyMatch(m -> m.matches(target.kind(), target.namespace(), target.name()));
            if (step.gitops() && manifestStep && !found) {
                notes.add(new RewriteNote(planPath, 0, 0, "manifest-gitops-not-found", "Step " + step.id() + " ("
                        + step.action() + " " + target.display() + ") is marked gitops, but no manifest of "
                        + target.kind() + "/" + target.name() + " is in this repository: make it in the repository"
                        + " its owner syncs from."));
            }
        }
    }
}
