package io.wimigrate.bench;

import io.wimigrate.planner.PlanRequest;
import io.wimigrate.planner.Planner;
import io.wimigrate.planner.io.PlanCodec;
import io.wimigrate.scanner.model.Inventory;
import io.wimigrate.scanner.report.InventoryCodec;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * JMH: planning a generated fleet and writing plan.yaml ({@link #plan}) against a baseline over the same data in the
 * same run ({@link #inventoryToJson}: one linear pass serialising the inventory). Each invocation is timed on its own
 * (single-shot: a plan is a one-off, not a hot loop). Run through {@code bench/plan}, which caps the heap at 512 MiB.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PlanBenchmark {

    /** Printed once per trial; bench/run reads it back for the heap row. */
    static final String OLD_GENERATION_PEAK = "old-generation peak (MiB): ";

    @Param("10000")
    public int workloads;
    @Param("2000")
    public int namespaces;
    @Param("500")
    public int identities;

    private Inventory inventory;

    @Setup(Level.Trial)
    public void generate() {
        inventory = FleetInventory.generate(workloads, namespaces, identities);
    }

    @Benchmark
    public String plan() {
        return PlanCodec.write(Planner.plan(PlanRequest.offline(inventory)));
    }

    @Benchmark
    public String inventoryToJson() {
        return InventoryCodec.toJson(inventory);
    }

    @TearDown(Level.Trial)
    public void reportHeap(BenchmarkParams params) {
        // Pool peaks happen at different times, so their sum overstates; the old generation's peak is what survived.
        long oldGenerationPeak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getName().contains("Old"))
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.out.println(params.getBenchmark() + " " + OLD_GENERATION_PEAK + (oldGenerationPeak >> 20)
                + " (heap cap " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB)");
    }
}
