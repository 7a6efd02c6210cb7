package io.wimigrate.executor.azure;

import com.azure.core.exception.HttpResponseException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepFailedException;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.CreateFederatedCredential;
import io.wimigrate.planner.model.Target;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Creates a federated credential with the planned name, issuer, subject and audience on a user-assigned identity or an
 * app registration. Azure refuses concurrent credential writes to one identity (409), so writes through this handler
 * are serialised per owner (any number of owners in parallel), and a 409 from a writer outside this process is
 * retried with backoff like 429 and 5xx. An identical credential makes apply a no-op; one with the same issuer and
 * subject under another name already grants the trust, so it is reported and kept; one with the planned name but
 * other content is someone else's and is refused.
 */
public final class FederatedCredentialCreation implements StepHandler<CreateFederatedCredential> {

    static final int LIMIT = 20;
    private static final String EXISTED = "existed";

    /** One lock per owner for the whole process, however many handler instances run steps in parallel. */
    private static final ConcurrentMap<String, ReentrantLock> WRITERS = new ConcurrentHashMap<>();
    /**
     * The credentials {@link #observe} just read, by step id, for the {@link #apply} that follows it in this process
     * (only the journal write comes between), so a step reads its owner once. A step resumed from an earlier run's
     * journal is not observed again and reads afresh.
     */
    private static final ConcurrentMap<String, List<FederatedCredentials.Credential>> OBSERVED =
            new ConcurrentHashMap<>();

    @Override
    public ObjectNode observe(CreateFederatedCredential step, StepContext context) {
        ObjectNode prior = JsonNodeFactory.instance.objectNode();
        FederatedCredentials owner = owner(step, context);
        Optional<List<FederatedCredentials.Credential>> current = read(owner, context);
        current.ifPresent(credentials -> OBSERVED.put(step.id(), credentials));
        Optional<FederatedCredentials.Credential> existing = current.orElse(List.of()).stream()
                .filter(c -> c.name().equalsIgnoreCase(step.desired().name())).findFirst();
        prior.put(EXISTED, existing.isPresent());
        existing.ifPresent(c -> prior.put("issuer", c.issuer()).put("subject", c.subject()));
        return prior;
    }

    @Override
    public Applied apply(CreateFederatedCredential step, ObjectNode prior, StepContext context) {
        FederatedCredentials owner = owner(step, context);
        FederatedCredentials.Credential desired = desired(step, context);
        List<FederatedCredentials.Credential> observed = OBSERVED.remove(step.id());
        Optional<List<FederatedCredentials.Credential>> current = observed != null ? Optional.of(observed)
                : read(owner, context);
        if (current.isEmpty() && context.dryRun()) {
            return Applied.changed("would create federated credential " + desired.name() + " on " + owner.owner()
                    + " (created in phase 1) for " + desired.subject());
        }
        List<FederatedCredentials.Credential> existing = current.orElseThrow(() -> new StepFailedException(
                owner.owner() + " does not exist; its identity step (phase 1) must run first"));
        Optional<FederatedCredentials.Credential> sameName = existing.stream()
                .filter(c -> c.name().equalsIgnoreCase(desired.name())).findFirst();
        if (sameName.isPresent()) {
            if (sameTrust(sameName.get(), desired)) {
                return Applied.unchanged(owner.owner() + " has federated credential " + desired.name());
            }
            throw new StepFailedException(owner.owner() + " already has a federated credential named "
                    + desired.name() + " with issuer " + sameName.get().issuer() + " and subject "
                    + sameName.get().subject() + ", not " + desired.issuer() + " / " + desired.subject()
                    + ": it is not this plan's. Rename or delete it, or plan again with Azure readable so the plan"
                    + " picks a free name");
        }
        Optional<FederatedCredentials.Credential> sameTrust = existing.stream()
                .filter(c -> c.issuer().equals(desired.issuer()) && c.subject().equals(desired.subject()))
                .findFirst();
        if (sameTrust.isPresent()) {
            return Applied.unchanged(owner.owner() + " already trusts " + desired.subject() + " from "
                    + desired.issuer() + " through federated credential " + sameTrust.get().name()
                    + " (not " + desired.name() + " as planned): kept as it is, nothing created");
        }
        if (existing.size() >= LIMIT) {
            throw limitReached(owner, existing.size());
        }
        if (context.dryRun()) {
            return Applied.changed("would create federated credential " + desired.name() + " on " + owner.owner()
                    + " for " + desired.subject());
        }
        String what = "create federated credential " + desired.name() + " on " + owner.owner();
        try {
            serialised(owner, () -> ArmCalls.retrying(what, context, () -> {
                owner.put(desired);
                return null;
            }));
        } catch (HttpResponseException e) {
            if (ArmCalls.status(e) == 400 && ArmCalls.message(e).contains("maximum number")) {
                throw limitReached(owner, LIMIT);
            }
            throw ArmCalls.failed(what, e, "The caller needs Managed Identity Contributor on the identity (or"
                    + " to own the app registration)");
        }
        return Applied.changed("created federated credential " + desired.name() + " on " + owner.owner()
                + " for " + desired.subject());
    }

    @Override
    public void revert(CreateFederatedCredential step, ObjectNode prior, StepContext context) {
        if (prior.path(EXISTED).asBoolean(false)) {
            return;
        }
        FederatedCredentials owner = owner(step, context);
        String name = step.desired().name();
        if (read(owner, context).orElse(List.of()).stream().noneMatch(c -> c.name().equalsIgnoreCase(name))) {
            return;
        }
        if (context.dryRun()) {
            context.log().accept("would delete federated credential " + name + " from " + owner.owner());
            return;
        }
        String what = "delete federated credential " + name + " from " + owner.owner();
        try {
            serialised(owner, () -> ArmCalls.retrying(what, context, () -> {
                owner.delete(name);
                return null;
            }));
        } catch (HttpResponseException e) {
            throw ArmCalls.failed(what, e, null);
        }
    }

    private static FederatedCredentials owner(CreateFederatedCredential step, StepContext context) {
        Target target = step.target();
        if (Target.APPLICATION.equals(target.kind())) {
            return new ApplicationFederatedCredentials(context, context.placeholders().resolve(target.name()));
        }
        return new IdentityFederatedCredentials(context, IdentityAddress.of(target));
    }

    private static FederatedCredentials.Credential desired(CreateFederatedCredential step, StepContext context) {
        CreateFederatedCredential.Desired desired = step.desired();
        return new FederatedCredentials.Credential(desired.name(), context.placeholders().resolve(desired.issuer()),
                desired.subject(), List.of(desired.audience()));
    }

    /** The owner's credentials, or empty when the owner does not exist (yet). */
    private static Optional<List<FederatedCredentials.Credential>> read(FederatedCredentials owner,
                                                                       StepContext context) {
        try {
            return ArmCalls.found("list federated credentials of " + owner.owner(), context, owner::list);
        } catch (HttpResponseException e) {
            throw ArmCalls.failed("list federated credentials of " + owner.owner(), e, null);
        }
    }

    private static boolean sameTrust(FederatedCredentials.Credential a, FederatedCredentials.Credential b) {
        return a.issuer().equals(b.issuer()) && a.subject().equals(b.subject()) && a.audiences().equals(b.audiences());
    }

    private static StepFailedException limitReached(FederatedCredentials owner, int count) {
        return new StepFailedException(owner.owner() + " holds " + count + " federated credentials, Azure's limit"
                + " is " + LIMIT + " per identity. Free room by deleting credentials no longer used, or split the"
                + " identity (a second identity with the same role assignments for some namespaces) and plan again");
    }

    private static <T> T serialised(FederatedCredentials owner, Supplier<T> write) {
        ReentrantLock lock = WRITERS.computeIfAbsent(owner.lockKey(), k -> new ReentrantLock());
        lock.lock();
        try {
            return write.get();
        } finally {
            lock.unlock();
        }
    }
}
