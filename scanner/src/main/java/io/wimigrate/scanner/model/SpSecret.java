package io.wimigrate.scanner.model;

import java.util.List;

/**
 * A Secret that holds service-principal credentials, found through references (never by reading its values).
 * {@code keys} are the key names referenced or, with opt-in Secret listing, the recognised key names present;
 * {@code exists} is null when the scan was not allowed to look at Secrets.
 */
public record SpSecret(ObjectRef ref, List<String> keys, Boolean exists, List<ObjectRef> referencedBy,
                       List<ObjectRef> consumers) {
}
