package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepFailedException;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.CreateServiceAccount;
import java.util.Map;
import java.util.Optional;

/**
 * A dedicated ServiceAccount, labelled as the plan's. One that exists with those labels is this plan's (a re-run);
 * one without them belongs to someone else and is refused, so revert never deletes a ServiceAccount the plan did
 * not create.
 */
public final class ServiceAccountCreation implements StepHandler<CreateServiceAccount> {

    private static final String EXISTED = "existed";

    @Override
    public ObjectNode observe(CreateServiceAccount step, StepContext context) {
        ObjectNode prior = Json.object();
        if (!context.viaGit(step)) {
            prior.put(EXISTED, KubeObject.of(step.target()).read(context).isPresent());
        }
        return prior;
    }

    @Override
    public Applied apply(CreateServiceAccount step, ObjectNode prior, StepContext context) {
        if (context.viaGit(step)) {
            return GitOps.routed(step);
        }
        KubeObject account = KubeObject.of(step.target());
        Optional<ObjectNode> live = account.read(context);
        if (live.isPresent()) {
            if (!createdByPlan(step, live.get())) {
                throw new StepFailedException(account.display() + " exists but was not created by this plan (labels "
                        + step.desired().labels() + " missing); rename or remove it, or plan again");
            }
            return Applied.unchanged(account.display() + " exists");
        }
        ObjectNode manifest = Json.object();
        manifest.put("apiVersion", account.apiVersion()).put("kind", account.kind());
        ObjectNode metadata = manifest.putObject("metadata");
        metadata.put("name", account.name()).put("namespace", account.namespace());
        ObjectNode labels = metadata.putObject("labels");
        step.desired().labels().forEach(labels::put);
        account.create(context, manifest);
        return Applied.changed((context.dryRun() ? "would create " : "created ") + account.display());
    }

    @Override
    public void revert(CreateServiceAccount step, ObjectNode prior, StepContext context) {
        if (!prior.has(EXISTED) || prior.get(EXISTED).asBoolean()) {
            return;
        }
        KubeObject account = KubeObject.of(step.target());
        Optional<ObjectNode> live = account.read(context);
        if (live.isPresent() && createdByPlan(step, live.get())) {
            account.delete(context, null);
        }
    }

    private static boolean createdByPlan(CreateServiceAccount step, ObjectNode account) {
        ObjectNode labels = Json.find(account, "metadata.labels");
        for (Map.Entry<String, String> label : step.desired().labels().entrySet()) {
            if (!label.getValue().equals(Json.text(labels, label.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
