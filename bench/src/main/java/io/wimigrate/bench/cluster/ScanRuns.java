package io.wimigrate.bench.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the repeated runs at one fleet size measured. {@code requests}: per scan run, "verb resource" to count. */
record ScanRuns(int pods, List<Double> scanSeconds, List<Double> kubectlSeconds, List<Double> heapMiB,
                List<Map<String, Integer>> requests, Map<String, Integer> objectsPerResource, ScanCounts found) {

    ScanRuns(int pods) {
        this(pods, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), Map.of(), null);
    }

    ScanRuns with(Map<String, Integer> objects, ScanCounts counts) {
        return new ScanRuns(pods, scanSeconds, kubectlSeconds, heapMiB, requests, objects, counts);
    }

    /** Per run, how many requests of {@code verb} on {@code resource}. */
    List<Double> perRun(String verb, String resource) {
        return requests.stream().map(r -> (double) r.getOrDefault(verb + " " + resource, 0)).toList();
    }

    /**
     * Per run, GETs of single objects. Expected and left out: the one GET of the kube-system namespace (the cluster's
     * identity) and of the OIDC discovery document (a non-resource URL, logged by its path).
     */
    List<Double> objectGets() {
        return requests.stream().map(r -> (double) r.entrySet().stream()
                .filter(e -> e.getKey().startsWith("get ") && !e.getKey().startsWith("get /")
                        && !e.getKey().equals("get namespaces"))
                .mapToInt(Map.Entry::getValue).sum()).toList();
    }

    /** Per run, all LIST requests. */
    List<Double> lists() {
        return requests.stream().map(r -> (double) r.entrySet().stream().filter(e -> e.getKey().startsWith("list "))
                .mapToInt(Map.Entry::getValue).sum()).toList();
    }

    /** For every kind the scan listed: ceil(objects / page size), at least one page (an empty list is one LIST). */
    int expectedLists(int pageSize) {
        return requests.get(0).keySet().stream().filter(k -> k.startsWith("list ")).map(k -> k.substring(5))
                .mapToInt(resource -> Math.max(1, (objectsPerResource.getOrDefault(resource, 0) + pageSize - 1)
                        / pageSize)).sum();
    }

    /** What one scan reported, for comparing with azwi. */
    record ScanCounts(int workloads, int podIdentityWorkloads, int spSecretWorkloads, int bindings,
                      int azureIdentities) {

        @Override
        public String toString() {
            return workloads + " workloads (" + podIdentityWorkloads + " bound by pod identity, " + spSecretWorkloads
                    + " reading SP secrets), " + bindings + " bindings, " + azureIdentities + " AzureIdentities";
        }
    }
}
