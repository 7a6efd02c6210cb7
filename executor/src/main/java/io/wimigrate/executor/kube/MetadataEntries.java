package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.planner.model.Step;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Sets or removes entries of the {@code labels} or {@code annotations} map at a dotted path of a step's target (the
 * ServiceAccount's {@code metadata}, a pod template's {@code spec.template.metadata}, ...), with optimistic
 * concurrency. The prior state is the previous value of every key the step touches, null for absent, so revert puts
 * back exactly what was there and removes what was not.
 */
final class MetadataEntries {

    private final String path;
    private final String field;

    MetadataEntries(String path, String field) {
        this.path = path;
        this.field = field;
    }

    ObjectNode observe(Step step, StepContext context, Collection<String> keys) {
        ObjectNode prior = Json.object();
        if (context.viaGit(step)) {
            return prior;
        }
        ObjectNode live = KubeObject.of(step.target()).require(context);
        ObjectNode previous = prior.putObject(field);
        ObjectNode entries = Json.find(live, path + "." + field);
        for (String key : keys) {
            previous.put(key, Json.text(entries, key)); // a JSON null when absent
        }
        return prior;
    }

    /** {@code values}: the value of each key, null to remove it. */
    Applied apply(Step step, StepContext context, Map<String, String> values) {
        if (context.viaGit(step)) {
            return GitOps.routed(step);
        }
        KubeObject target = KubeObject.of(step.target());
        boolean changed = OptimisticEdit.edit(context, target, object -> put(object, values)).changed();
        String what = field + " " + String.join(", ", values.keySet()) + " at " + path + " of " + target.display();
        return changed ? Applied.changed((context.dryRun() ? "would update " : "updated ") + what)
                : Applied.unchanged(what + " already as planned");
    }

    /** Puts back the recorded values; true when that changed the object. */
    boolean revert(Step step, StepContext context, ObjectNode prior) {
        if (!(prior.get(field) instanceof ObjectNode previous)) {
            return false; // nothing was observed: a GitOps step, or the step never ran
        }
        KubeObject target = KubeObject.of(step.target());
        if (target.read(context).isEmpty()) {
            context.log().accept(target.display() + " no longer exists; its " + field + " have nothing to restore");
            return false;
        }
        SortedMap<String, String> values = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = previous.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            values.put(entry.getKey(), entry.getValue().isNull() ? null : entry.getValue().asText());
        }
        return OptimisticEdit.edit(context, target, object -> put(object, values)).changed();
    }

    private boolean put(ObjectNode object, Map<String, String> values) {
        ObjectNode entries = Json.at(object, path + "." + field);
        boolean changed = false;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            if (!Objects.equals(Json.text(entries, entry.getKey()), entry.getValue())) {
                Json.putOrRemove(entries, entry.getKey(), entry.getValue());
                changed = true;
            }
        }
        return changed;
    }

    /** Every value with its placeholders resolved. */
    static SortedMap<String, String> resolved(StepContext context, Map<String, String> values) {
        SortedMap<String, String> resolved = new TreeMap<>();
        values.forEach((key, value) -> resolved.put(key, value == null ? null
                : context.placeholders().resolve(value)));
        return resolved;
    }
}
