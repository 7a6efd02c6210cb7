package io.wimigrate.executor.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.resourcemanager.msi.fluent.models.IdentityInner;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepFailedException;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.CreateIdentity;
import java.util.Map;
import java.util.Optional;

/**
 * Creates the user-assigned identity that replaces a service principal, tagged with the step's id. The tag is how a
 * later run knows the identity is this plan's: a re-run finds it and is a no-op, an identity of the same name that
 * someone else made is refused, and revert deletes only an identity that carries the tag and either did not exist
 * before or already carried it (observed again after a crash that lost the journal's first record).
 */
public final class IdentityCreation implements StepHandler<CreateIdentity> {

    static final String CREATED_BY = "wimigrate.io-created-by-step";
    private static final String EXISTED = "existed";
    private static final String CREATED_BY_THIS_STEP = "createdByThisStep";

    @Override
    public ObjectNode observe(CreateIdentity step, StepContext context) {
        ObjectNode prior = JsonNodeFactory.instance.objectNode();
        Optional<IdentityInner> existing = Identities.find(context, IdentityAddress.of(step.target()));
        prior.put(EXISTED, existing.isPresent());
        existing.ifPresent(identity -> prior.put(CREATED_BY_THIS_STEP, createdBy(identity, step)));
        return prior;
    }

    @Override
    public Applied apply(CreateIdentity step, ObjectNode prior, StepContext context) {
        IdentityAddress address = IdentityAddress.of(step.target());
        Optional<IdentityInner> existing = Identities.find(context, address);
        if (existing.isPresent()) {
            if (!createdBy(existing.get(), step)) {
                throw new StepFailedException(address.display() + " already exists and was not created by this plan"
                        + " (it lacks tag " + CREATED_BY + "=" + step.id() + "). Delete or rename it, or plan again"
                        + " with another identity name, so no one else's identity gets this service principal's"
                        + " roles and federated credentials");
            }
            return Identities.withOutputs(Applied.unchanged(address.display() + " exists (created by this plan)"),
                    existing.get());
        }
        if (context.dryRun()) {
            return Applied.changed("would create " + address.display() + " in " + step.desired().location()
                    + " (replaces " + step.desired().replaces() + ")");
        }
        IdentityInner created;
        try {
            created = ArmCalls.retrying("create " + address.display(), context, () -> Identities.client(context,
                    address).createOrUpdate(address.resourceGroup(), address.name(), new IdentityInner()
                    .withLocation(step.desired().location())
                    .withTags(Map.of(CREATED_BY, step.id(), "wimigrate.io-replaces", step.desired().replaces()))));
        } catch (HttpResponseException e) {
            throw ArmCalls.failed("create " + address.display(), e, "The caller needs Managed Identity Contributor"
                    + " on resource group " + address.resourceGroup());
        }
        return Identities.withOutputs(Applied.changed("created " + address.display() + " with client id "
                + created.clientId()), created);
    }

    @Override
    public void revert(CreateIdentity step, ObjectNode prior, StepContext context) {
        if (prior.path(EXISTED).asBoolean(false) && !prior.path(CREATED_BY_THIS_STEP).asBoolean(false)) {
            return;
        }
        IdentityAddress address = IdentityAddress.of(step.target());
        Optional<IdentityInner> existing = Identities.find(context, address);
        if (existing.isEmpty()) {
            return;
        }
        if (!createdBy(existing.get(), step)) {
            context.log().accept(address.display() + " is not tagged as created by this plan: left in place");
            return;
        }
        if (context.dryRun()) {
            context.log().accept("would delete " + address.display());
            return;
        }
        try {
            ArmCalls.retrying("delete " + address.display(), context,
                    () -> Identities.client(context, address).delete(address.resourceGroup(), address.name()));
        } catch (HttpResponseException e) {
            throw ArmCalls.failed("delete " + address.display(), e, null);
        }
    }

    private static boolean createdBy(IdentityInner identity, CreateIdentity step) {
        return identity.tags() != null && step.id().equals(identity.tags().get(CREATED_BY));
    }
}
