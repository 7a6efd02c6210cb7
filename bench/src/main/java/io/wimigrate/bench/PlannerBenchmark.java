package io.wimigrate.bench;

import io.wimigrate.planner.Planner;
import io.wimigrate.planner.PlanRequest;
import io.wimigrate.planner.io.PlanCodec;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.scanner.model.Inventory;
import io.wimigrate.scanner.report.InventoryCodec;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Plans a generated fleet (10,000 workloads, 2,000 namespaces, 500 identities by default) and prints min/median/max
 * wall time, the ratio to a baseline timed in the same run (serialising the same inventory to JSON: one linear pass
 * over the same data), and the peak heap. Run through {@code bench/plan}, which caps the heap at 512 MiB.
 */
public final class PlannerBenchmark {

    private static final double TARGET_SECONDS = 2.0;
    private static final long TARGET_HEAP = 512L << 20;

    private PlannerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int workloads = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int namespaces = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int identities = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Inventory inventory = FleetInventory.generate(workloads, namespaces, identities);

        List<Double> baseline = Timing.seconds(runs, () -> InventoryCodec.toJson(inventory));
        List<Double> planning = Timing.seconds(runs,
                () -> PlanCodec.write(Planner.plan(PlanRequest.offline(inventory))));
        Plan plan = Planner.plan(PlanRequest.offline(inventory));
        // Pool peaks happen at different times, so their sum overstates; the old generation's peak is what survived.
        long oldGenerationPeak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getName().contains("Old"))
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        long heapCap = Runtime.getRuntime().maxMemory();

        System.out.printf("planner benchmark: %,d workloads, %,d namespaces, %,d identities -> %,d steps%n",
                workloads, namespaces, identities, plan.steps().size());
        System.out.printf("  baseline (inventory to JSON): min %.3f s  median %.3f s  max %.3f s%n",
                baseline.get(0), Timing.median(baseline), baseline.get(baseline.size() - 1));
        System.out.printf("  plan + write plan.yaml:       min %.3f s  median %.3f s  max %.3f s   ratio %.1fx"
                + " the baseline (median)%n", planning.get(0), Timing.median(planning),
                planning.get(planning.size() - 1),
                Timing.median(planning) / Timing.median(baseline));
        System.out.printf("  target: median < %.1f s: %s;  ran within a %,d MiB heap cap (target < %,d MiB): %s;"
                        + " old-generation peak %,d MiB%n",
                TARGET_SECONDS, Timing.median(planning) < TARGET_SECONDS ? "PASS" : "MISS", heapCap >> 20,
                TARGET_HEAP >> 20, heapCap <= TARGET_HEAP ? "PASS" : "MISS (run it with -Xmx512m)",
                oldGenerationPeak >> 20);
    }
}
