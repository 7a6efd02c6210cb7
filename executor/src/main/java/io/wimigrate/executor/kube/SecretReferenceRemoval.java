package io.wimigrate.executor.kube;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepFailedException;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.RemoveSecretReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Removes a container's reference to a service-principal Secret: the env var ({@code via: env}, only when it reads
 * that Secret), the {@code envFrom} entry, or the volume mount at {@code name} and then the volume when no container
 * mounts it any more; with it, the literal (or same-Secret) {@link #SHADOWING} variables of the container. Each removed
 * entry (a reference, never a value) is recorded with its place, so revert puts it
 * back where it was. A bare Pod is recreated without the reference.
 */
public final class SecretReferenceRemoval implements StepHandler<RemoveSecretReference> {

    private static final String REMOVED = "removed";
    /**
     * Set in the pod spec, these win over what the webhook injects (it never overwrites a variable) and would keep the
     * old service principal's client id or certificate: they go with the Secret reference.
     */
    private static final Set<String> SHADOWING = Set.of("AZURE_CLIENT_ID", "AZURE_TENANT_ID",
            "AZURE_CLIENT_CERTIFICATE_PATH", "AZURE_AUTHORITY_HOST", "AZURE_FEDERATED_TOKEN_FILE");

    /** One entry taken out of the array at {@code at} (a JSON pointer into the object), at {@code index}. */
    private record Removal(String at, int index, JsonNode value) {
    }

    @Override
    public ObjectNode observe(RemoveSecretReference step, StepContext context) {
        ObjectNode prior = Json.object();
        if (context.viaGit(step)) {
            return prior;
        }
        KubeObject target = KubeObject.of(step.target());
        ObjectNode live = target.require(context);
        ArrayNode removed = prior.putArray(REMOVED);
        for (Removal removal : remove(step, live.deepCopy())) {
            removed.addObject().put("at", removal.at()).put("index", removal.index()).set("value", removal.value());
        }
        if (PodSpecs.POD.equals(target.kind())) {
            prior.set(PodRecreation.PRIOR_FIELD, PodRecreation.record(target, live));
        }
        return prior;
    }

    @Override
    public Applied apply(RemoveSecretReference step, ObjectNode prior, StepContext context) {
        if (context.viaGit(step)) {
            return GitOps.routed(step);
        }
        KubeObject target = KubeObject.of(step.target());
        boolean changed = write(target, prior, context, object -> !remove(step, object).isEmpty());
        String what = step.desired().via() + " " + step.desired().name() + " (Secret " + step.desired().secret()
                + ") of container " + step.desired().container() + " in " + target.display();
        return changed ? Applied.changed((context.dryRun() ? "would remove " : "removed ") + what)
                : Applied.unchanged(what + " already gone");
    }

    @Override
    public void revert(RemoveSecretReference step, ObjectNode prior, StepContext context) {
        if (!(prior.get(REMOVED) instanceof ArrayNode removed) || removed.isEmpty()) {
            return;
        }
        List<Removal> removals = new ArrayList<>();
        removed.forEach(r -> removals.add(new Removal(r.path("at").asText(), r.path("index").asInt(), r.get("value"))));
        write(KubeObject.of(step.target()), prior, context, object -> restore(object, removals));
    }

    private static boolean write(KubeObject target, ObjectNode prior, StepContext context,
                                 Predicate<ObjectNode> change) {
        if (!PodSpecs.POD.equals(target.kind())) {
            return OptimisticEdit.edit(context, target, change).changed();
        }
        Optional<ObjectNode> live = target.read(context);
        if (live.isPresent() && !change.test(live.get().deepCopy())) {
            return false;
        }
        PodRecreation.recreate(context, target, live.orElse(null), (ObjectNode) prior.get(PodRecreation.PRIOR_FIELD),
                change::test);
        return true;
    }

    /** Takes the reference out of {@code object}; returns what it took, in order. */
    private static List<Removal> remove(RemoveSecretReference step, ObjectNode object) {
        RemoveSecretReference.Desired desired = step.desired();
        String specPath = PodSpecs.path(step.target().kind());
        ObjectNode spec = Json.at(object, specPath);
        String specPointer = "/" + specPath.replace('.', '/');
        List<Removal> removals = new ArrayList<>();
        String containerPointer = containerPointer(step, spec, specPointer);
        ObjectNode container = (ObjectNode) object.at(containerPointer);
        switch (desired.via()) {
            case "env" -> take(container, "env", containerPointer, e -> desired.name().equals(e.path("name").asText())
                    && desired.secret().equals(e.path("valueFrom").path("secretKeyRef").path("name").asText()),
                    removals);
            case "envFrom" -> take(container, "envFrom", containerPointer,
                    e -> desired.secret().equals(e.path("secretRef").path("name").asText()), removals);
            case "volume" -> {
                List<String> volumes = secretVolumes(spec, desired.secret());
                take(container, "volumeMounts", containerPointer, m -> desired.name().equals(m.path("mountPath")
                        .asText()) && volumes.contains(m.path("name").asText()), removals);
                List<String> unmounted = volumes.stream().filter(v -> !mounted(spec, v)).toList();
                take(spec, "volumes", specPointer, v -> unmounted.contains(v.path("name").asText()), removals);
            }
            default -> throw new StepFailedException(step.target().display() + ": unknown reference kind "
                    + desired.via() + " (known: env, envFrom, volume)");
        }
        take(container, "env", containerPointer, e -> SHADOWING.contains(e.path("name").asText())
                && (e.has("value") || desired.secret().equals(e.path("valueFrom").path("secretKeyRef").path("name")
                .asText())), removals);
        return removals;
    }

    private static String containerPointer(RemoveSecretReference step, ObjectNode spec, String specPointer) {
        for (String list : new String[] {"containers", "initContainers"}) {
            JsonNode containers = spec.path(list);
            for (int i = 0; i < containers.size(); i++) {
                if (step.desired().container().equals(containers.get(i).path("name").asText())) {
                    return specPointer + "/" + list + "/" + i;
                }
            }
        }
        throw new StepFailedException(step.target().display() + " has no container " + step.desired().container());
    }

    private static void take(ObjectNode parent, String field, String parentPointer, Predicate<JsonNode> test,
                             List<Removal> into) {
        if (!(parent.get(field) instanceof ArrayNode array)) {
            return;
        }
        for (int i = array.size() - 1; i >= 0; i--) {
            if (test.test(array.get(i))) {
                into.add(new Removal(parentPointer + "/" + field, i, array.remove(i)));
            }
        }
        if (array.isEmpty()) {
            parent.remove(field);
        }
    }

    private static List<String> secretVolumes(ObjectNode spec, String secret) {
        List<String> names = new ArrayList<>();
        for (JsonNode volume : spec.path("volumes")) {
            boolean direct = secret.equals(volume.path("secret").path("secretName").asText());
            boolean projected = false;
            for (JsonNode source : volume.path("projected").path("sources")) {
                projected |= secret.equals(source.path("secret").path("name").asText());
            }
            if (direct || projected) {
                names.add(volume.path("name").asText());
            }
        }
        return names;
    }

    private static boolean mounted(ObjectNode spec, String volume) {
        return PodSpecs.containers(spec).stream().anyMatch(c -> {
            for (JsonNode mount : c.path("volumeMounts")) {
                if (volume.equals(mount.path("name").asText())) {
                    return true;
                }
            }
            return false;
        });
    }

    /** Puts each recorded entry back where it was (last removed first); false when all are there already. */
    private static boolean restore(ObjectNode object, List<Removal> removals) {
        boolean changed = false;
        for (int i = removals.size() - 1; i >= 0; i--) {
            Removal removal = removals.get(i);
            JsonPointer pointer = JsonPointer.compile(removal.at());
            ObjectNode parent = (ObjectNode) object.at(pointer.head());
            ArrayNode array = Json.array(parent, pointer.last().getMatchingProperty());
            boolean present = false;
            for (JsonNode entry : array) {
                present |= entry.equals(removal.value());
            }
            if (!present) {
                array.insert(Math.min(removal.index(), array.size()), removal.value());
                changed = true;
            }
        }
        return changed;
    }
}
