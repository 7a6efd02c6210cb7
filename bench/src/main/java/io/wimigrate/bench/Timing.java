package io.wimigrate.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;

/** Wall-clock timing for the benchmarks. */
final class Timing {

    private Timing() {
    }

    /** Seconds per run, sorted, after one warm-up run. */
    static List<Double> seconds(int runs, Callable<?> work) throws Exception {
        work.call();
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.call();
            seconds.add((System.nanoTime() - start) / 1e9);
        }
        Collections.sort(seconds);
        return seconds;
    }

    static double median(List<Double> sorted) {
        return sorted.get(sorted.size() / 2);
    }
}
