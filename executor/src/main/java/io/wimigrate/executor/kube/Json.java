package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/** Kubernetes objects as Jackson trees, and the dotted paths the plan names places in them by. */
final class Json {

    /** Metadata the API server sets: a manifest recreated from a copy leaves it out. */
    private static final List<String> SERVER_SET = List.of("uid", "resourceVersion", "creationTimestamp",
            "managedFields", "generation", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds");

    private Json() {
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static ObjectNode of(KubernetesClient client, Object resource) {
        return client.getKubernetesSerialization().convertValue(resource, ObjectNode.class);
    }

    static GenericKubernetesResource resource(KubernetesClient client, ObjectNode object) {
        return client.getKubernetesSerialization().convertValue(object, GenericKubernetesResource.class);
    }

    /** A copy that can be created again: no server-set metadata; {@code status} only when {@code keepStatus}. */
    static ObjectNode manifest(ObjectNode live, boolean keepStatus) {
        ObjectNode copy = live.deepCopy();
        ObjectNode metadata = (ObjectNode) copy.path("metadata");
        metadata.remove(SERVER_SET);
        if (!keepStatus) {
            copy.remove("status");
        }
        return copy;
    }

    /** The object at a dotted path such as {@code spec.template.metadata}, created when missing. */
    static ObjectNode at(ObjectNode root, String path) {
        ObjectNode node = root;
        for (String field : path.split("\\.")) {
            JsonNode child = node.get(field);
            node = child instanceof ObjectNode object ? object : node.putObject(field);
        }
        return node;
    }

    /** The object at a dotted path, or null when some part of it is missing. */
    static ObjectNode find(JsonNode root, String path) {
        JsonNode node = root;
        for (String field : path.split("\\.")) {
            node = node.path(field);
        }
        return node instanceof ObjectNode object ? object : null;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static ArrayNode array(ObjectNode parent, String field) {
        JsonNode node = parent.get(field);
        return node instanceof ArrayNode array ? array : parent.putArray(field);
    }

    /** Sets {@code field} to {@code value}, or removes it when {@code value} is null. */
    static void putOrRemove(ObjectNode node, String field, String value) {
        if (value == null) {
            node.remove(field);
        } else {
            node.put(field, value);
        }
    }
}
