package io.wimigrate.planner.model;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Values computed once per object, found by the object's identity and forgotten once it is collected. The JDK's
 * weak map finds keys by equality, which for a step record means hashing and comparing all its fields on every
 * look-up.
 */
final class IdentityMemo<K, V> {

    private final Map<Key, V> values = new HashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

    /** A weakly held key, equal to another only for the same live object. */
    private static final class Key extends WeakReference<Object> {
        private final int hash;

        private Key(Object referent, ReferenceQueue<Object> queue) {
            super(referent, queue);
            hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            Object referent = get();
            return other instanceof Key key && referent != null && referent == key.get();
        }
    }

    synchronized V computeIfAbsent(K key, Function<K, V> compute) {
        for (Object gone = collected.poll(); gone != null; gone = collected.poll()) {
            values.remove(gone);
        }
        V value = values.get(new Key(key, null));
        if (value == null) {
            value = compute.apply(key);
            values.put(new Key(key, collected), value);
        }
        return value;
    }
}
