package io.wimigrate.scanner.model;

import java.util.Comparator;

/**
 * A Kubernetes object as the scan saw it. {@code uid} and {@code resourceVersion} are null when the source did not carry
 * them (hand-written manifests in a dump); {@code namespace} is null for cluster-scoped objects.
 */
public record ObjectRef(String apiVersion, String kind, String namespace, String name, String uid, String resourceVersion)
        implements Comparable<ObjectRef> {

    private static final Comparator<ObjectRef> ORDER = Comparator
            .comparing(ObjectRef::kind)
            .thenComparing(ObjectRef::namespace, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ObjectRef::name);

    public static ObjectRef of(String apiVersion, String kind, String namespace, String name) {
        return new ObjectRef(apiVersion, kind, namespace, name, null, null);
    }

    /** {@code Kind/namespace/name}, or {@code Kind/name} when cluster-scoped: the form used in messages and ids. */
    public String display() {
        return namespace == null ? kind + "/" + name : kind + "/" + namespace + "/" + name;
    }

    @Override
    public int compareTo(ObjectRef other) {
        return ORDER.compare(this, other);
    }
}
