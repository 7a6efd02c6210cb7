package io.wimigrate.scanner.model;

import java.util.List;

/** The azure-workload-identity mutating webhook: its configuration and the objects of its install. */
public record WorkloadIdentityWebhook(ObjectRef configuration, String namespace, List<ObjectRef> objects) {
}
