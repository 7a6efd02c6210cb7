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

    /**
     * Seconds per run of each of {@code works}, run in turn {@code runs} times after {@value #WARM_UP} warm-up rounds;
     * one sorted list per work, in the order given.
     */
    static List<List<Double>> alternating(int runs, Callable<?>... works) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            for (Callable<?> work : works) {
                work.call();
            }
        }
        List<List<Double>> seconds = new ArrayList<>();
        for (Callable<?> work : works) {
            seconds.add(new ArrayList<>());
        }
        for (int i = 0; i < runs; i++) {
            for (int w = 0; w < works.length; w++) {
                long start = System.nanoTime();
                works[w].call();
                seconds.get(w).add((System.nanoTime() - start) / 1e9);
            }
        }
        seconds.forEach(Collections::sort);
        return seconds;
    }
}
