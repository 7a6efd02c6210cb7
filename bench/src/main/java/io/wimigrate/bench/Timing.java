package io.wimigrate.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;

/** Wall-clock timing for the benchmarks. */
final class Timing {

    private Timing() {
    }

    /** Warm-up runs before timing: the JIT compiles large generated code (JavaParser's) in the background. */
    private static final int WARM_UP = 2;

    /** Seconds per run, sorted, after {@value #WARM_UP} warm-up runs. */
    static List<Double> seconds(int runs, Callable<?> work) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            work.call();
        }
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
