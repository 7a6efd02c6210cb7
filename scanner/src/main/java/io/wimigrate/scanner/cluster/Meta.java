package io.wimigrate.scanner.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.wimigrate.scanner.model.ObjectRef;
import java.util.Map;

/** Null-safe reading of object metadata, with the defaults the API server would apply. */
final class Meta {

    private Meta() {
    }

    static ObjectRef ref(HasMetadata object) {
        return new ObjectRef(object.getApiVersion(), object.getKind(), namespace(object), name(object),
                object.getMetadata().getUid(), object.getMetadata().getResourceVersion());
    }

    /** The namespace, {@code default} for a namespaced object that names none (a hand-written manifest). */
    static String namespace(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        if (namespace == null && (object instanceof Namespaced || object instanceof GenericKubernetesResource)) {
            return "default";
        }
        return namespace;
    }

    static String name(HasMetadata object) {
        return object.getMetadata().getName();
    }

    static Map<String, String> labels(HasMetadata object) {
        return orEmpty(object.getMetadata().getLabels());
    }

    static Map<String, String> annotations(HasMetadata object) {
        return orEmpty(object.getMetadata().getAnnotations());
    }

    static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }
}
