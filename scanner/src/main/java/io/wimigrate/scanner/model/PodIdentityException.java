package io.wimigrate.scanner.model;

import java.util.List;
import java.util.SortedMap;

/** An AzurePodIdentityException and the workloads in its namespace whose pods carry all of {@code podLabels}. */
public record PodIdentityException(ObjectRef ref, SortedMap<String, String> podLabels, List<ObjectRef> workloads) {
}
