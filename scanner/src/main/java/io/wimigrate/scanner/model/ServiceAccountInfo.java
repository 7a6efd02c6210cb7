package io.wimigrate.scanner.model;

import java.util.List;
import java.util.SortedMap;

/**
 * A ServiceAccount used by a workload in the inventory, or already annotated for workload identity.
 * {@code exists} is false when workloads name it but the source did not contain it (for example {@code default}
 * absent from a dump). {@code workloadIdentityAnnotations} holds the {@code azure.workload.identity/*} annotations.
 */
public record ServiceAccountInfo(ObjectRef ref, boolean exists, SortedMap<String, String> workloadIdentityAnnotations,
                                 List<ObjectRef> usedBy, Ownership ownership) {
}
