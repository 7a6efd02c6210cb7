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

    /** Per run, GETs of single objects of namespaced kinds (the one GET of the kube-system namespace is expected). */
    List<Double> objectGets() {
        return requests.stream().map(r -> (double) r.entrySet().stream()
                .filter(e -> e.getKey().startsWith("get ") && !e.getKey().equals("get namespaces"))
                .mapToInt(Map.Entry::getValue).sum()).toList();
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
