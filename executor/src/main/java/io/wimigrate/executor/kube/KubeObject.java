package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepFailedException;
import io.wimigrate.planner.model.Target;
import io.wimigrate.scanner.cluster.Forbidden;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One Kubernetes object by apiVersion, kind, namespace ({@code null} when cluster-scoped) and name, read and written
 * as JSON through fabric8's generic client, so every handler treats a Deployment, a CronJob or a custom resource
 * alike. Writes honour {@link StepContext#dryRun()} (server-side dry run); {@link #update} sends the object's
 * resourceVersion, so a concurrent change makes it fail with 409 instead of being overwritten.
 */
record KubeObject(String apiVersion, String kind, String namespace, String name) {

    static KubeObject of(Target target) {
        return new KubeObject(target.apiVersion(), target.kind(), target.namespace(), target.name());
    }

    static KubeObject of(ObjectNode object) {
        ObjectNode metadata = (ObjectNode) object.path("metadata");
        return new KubeObject(object.path("apiVersion").asText(), object.path("kind").asText(),
                metadata.hasNonNull("namespace") ? metadata.get("namespace").asText() : null,
                metadata.path("name").asText());
    }

    String display() {
        return namespace == null ? kind + "/" + name : kind + "/" + namespace + "/" + name;
    }

    Optional<ObjectNode> read(StepContext context) {
        return Optional.ofNullable(call(context, () -> resource(context.kube()).get()))
                .map(o -> Json.of(context.kube(), o));
    }

    ObjectNode require(StepContext context) {
        return read(context).orElseThrow(() -> new StepFailedException(display() + " not found"));
    }

    ObjectNode create(StepContext context, ObjectNode object) {
        GenericKubernetesResource resource = Json.resource(context.kube(), object);
        return Json.of(context.kube(), call(context, () -> context.dryRun()
                ? resource(context.kube()).dryRun().create(resource)
                : resource(context.kube()).create(resource)));
    }

    /**
     * Checks that {@code object} would be accepted (validation, admission) by creating it in server-side dry run
     * under a generated name, so an object is never deleted for a copy that cannot be created again.
     */
    void requireCreatable(StepContext context, ObjectNode object) {
        ObjectNode probe = object.deepCopy();
        ObjectNode metadata = (ObjectNode) probe.path("metadata");
        metadata.remove("name");
        metadata.put("generateName", name + "-");
        GenericKubernetesResource resource = Json.resource(context.kube(), probe);
        try {
            operation(context.kube()).resource(resource).dryRun().create();
        } catch (KubernetesClientException e) {
            throw new StepFailedException(display() + " was left in place: its copy would be refused ("
                    + KubeErrors.message(e, context.kube()) + ")", e);
        }
    }

    /** PUT with the object's resourceVersion; a concurrent change fails with 409 ({@link #isConflict}). */
    ObjectNode update(StepContext context, ObjectNode object) {
        Resource<GenericKubernetesResource> target = operation(context.kube()).resource(
                Json.resource(context.kube(), object));
        return Json.of(context.kube(), call(context, () -> context.dryRun() ? target.dryRun().update()
                : target.update()));
    }

    /** Deletes the object if it still has {@code resourceVersion} (any version when null); false when it was gone. */
    boolean delete(StepContext context, String resourceVersion) {
        Resource<GenericKubernetesResource> target = resource(context.kube());
        return !call(context, () -> context.dryRun() ? target.dryRun().delete()
                : resourceVersion == null ? target.delete() : target.lockResourceVersion(resourceVersion).delete())
                .isEmpty();
    }

    /** Waits until the object is gone (deletion can wait on finalizers and graceful termination). */
    void awaitDeleted(StepContext context, Duration timeout) {
        awaitCondition(context, timeout, object -> object == null, "to be deleted");
    }

    ObjectNode awaitCondition(StepContext context, Duration timeout, Predicate<ObjectNode> condition, String what) {
        try {
            GenericKubernetesResource done = resource(context.kube()).waitUntilCondition(
                    o -> condition.test(o == null ? null : Json.of(context.kube(), o)),
                    timeout.toMillis(), TimeUnit.MILLISECONDS);
            return done == null ? null : Json.of(context.kube(), done);
        } catch (KubernetesClientTimeoutException e) {
            throw new StepFailedException("timed out after " + timeout.toSeconds() + " s waiting for "
                    + display() + " " + what, e);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403 && Forbidden.describe(e).isEmpty()) {
                // A denied watch carries no explanation: waiting takes list and watch of the object's kind.
                String plural = kind.toLowerCase(Locale.ROOT) + "s";
                String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
                throw new StepFailedException(display() + ": " + Forbidden.message("watch", plural, group,
                        namespace == null ? "" : " in namespace \"" + namespace + "\"") + " (waiting for it " + what
                        + " lists and watches it)", e);
            }
            throw failure(context, e);
        }
    }

    /** The request failed because the object changed since it was read (HTTP 409). */
    static boolean isConflict(StepFailedException e) {
        return e.getCause() instanceof KubernetesClientException k && k.getCode() == 409;
    }

    private Resource<GenericKubernetesResource> resource(KubernetesClient client) {
        return operation(client).withName(name);
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> operation(KubernetesClient client) {
        var all = client.genericKubernetesResources(apiVersion, kind);
        return namespace == null ? all : all.inNamespace(namespace);
    }

    private <T> T call(StepContext context, Supplier<T> request) {
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            throw failure(context, e);
        }
    }

    private StepFailedException failure(StepContext context, KubernetesClientException e) {
        return new StepFailedException(display() + ": " + KubeErrors.message(e, context.kube()), e);
    }
}
