package io.wimigrate.bench.apply;

import io.wimigrate.azure.emulator.RequestRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Where an apply's ARM time went, from the emulator's request log: the ARM requests split into bursts wherever none
 * was in flight for at least {@code gap}, each burst with its span, its requests by kind and the most in flight at
 * once. A burst is one barrier-separated stretch of work (the freshness check, a phase); the gaps between bursts are
 * time the apply spent on something other than ARM.
 */
record ArmTimeline(Instant origin, List<Burst> bursts) {

    private static final Pattern GUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** One stretch of ARM requests with no idle gap inside. */
    record Burst(Instant start, Instant end, Map<String, Integer> kinds, int maxInFlight) {
        int count() {
            return kinds.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    static ArmTimeline of(List<RequestRecord> log, Duration gap) {
        List<RequestRecord> arm = log.stream().filter(r -> r.path().toLowerCase(Locale.ROOT)
                .startsWith("/subscriptions/")).sorted(Comparator.comparing(RequestRecord::start)).toList();
        if (arm.isEmpty()) {
            return new ArmTimeline(Instant.EPOCH, List.of());
        }
        List<Burst> bursts = new ArrayList<>();
        List<RequestRecord> current = new ArrayList<>();
        Instant busyUntil = null;
        for (RequestRecord request : arm) {
            if (busyUntil != null && Duration.between(busyUntil, request.start()).compareTo(gap) >= 0) {
                bursts.add(burst(current));
                current = new ArrayList<>();
            }
            current.add(request);
            busyUntil = busyUntil == null || request.end().isAfter(busyUntil) ? request.end() : busyUntil;
        }
        bursts.add(burst(current));
        return new ArmTimeline(arm.get(0).start(), bursts);
    }

    private static Burst burst(List<RequestRecord> requests) {
        Map<String, Integer> kinds = new TreeMap<>();
        requests.forEach(r -> kinds.merge(kind(r), 1, Integer::sum));
        Instant start = requests.get(0).start();
        Instant end = requests.stream().map(RequestRecord::end).max(Comparator.naturalOrder()).orElseThrow();
        return new Burst(start, end, kinds, maxInFlight(requests));
    }

    /** Most requests in flight at once: a sweep over starts (+1) and ends (-1), ends first at equal instants. */
    private static int maxInFlight(List<RequestRecord> requests) {
        List<Instant[]> events = new ArrayList<>();
        requests.forEach(r -> {
            events.add(new Instant[] {r.start(), Instant.MAX});
            events.add(new Instant[] {r.end(), Instant.MIN});
        });
        events.sort(Comparator.<Instant[], Instant>comparing(e -> e[0]).thenComparing(e -> e[1]));
        int inFlight = 0;
        int max = 0;
        for (Instant[] event : events) {
            inFlight += event[1] == Instant.MAX ? 1 : -1;
            max = Math.max(max, inFlight);
        }
        return max;
    }

    /** Method and resource type, without names: {@code GET userAssignedIdentities/federatedIdentityCredentials}. */
    static String kind(RequestRecord request) {
        String path = GUID.matcher(request.path().toLowerCase(Locale.ROOT)).replaceAll("*");
        int providers = path.lastIndexOf("/providers/");
        String[] segments = (providers < 0 ? path : path.substring(providers + "/providers/".length())).split("/");
        StringBuilder kind = new StringBuilder(request.method()).append(' ');
        int first = providers < 0 ? 3 : 1;
        for (int i = first; i < segments.length; i += 2) {
            kind.append(i == first ? "" : "/").append(segments[i]);
        }
        boolean named = (segments.length - first) % 2 == 0;
        return kind.append(named ? "" : " (list)").toString();
    }

    /** One line per burst and gap, times in ms from the first ARM request. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        Instant previousEnd = null;
        for (Burst burst : bursts) {
            if (previousEnd != null) {
                lines.add(String.format(Locale.ROOT, "  gap %6d ms with no ARM request in flight",
                        Duration.between(previousEnd, burst.start()).toMillis()));
            }
            lines.add(String.format(Locale.ROOT, "  %6d .. %6d ms (%5d ms): %4d requests, at most %3d in flight: %s",
                    ms(burst.start()), ms(burst.end()), Duration.between(burst.start(), burst.end()).toMillis(),
                    burst.count(), burst.maxInFlight(), burst.kinds()));
            previousEnd = burst.end();
        }
        return lines;
    }

    private long ms(Instant at) {
        return Duration.between(origin, at).toMillis();
    }
}
