package io.wimigrate.bench.external;

import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.bench.results.BenchResult;
import io.wimigrate.bench.results.BenchResult.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading other benchmarks' output: bench/plan's text and bench/rewrite's last JSON line. */
class ExternalFiguresTest {

    @Test
    void planFiguresComeFromBenchPlansLines() {
        String output = """
                planner benchmark: 10,000 workloads, 2,000 namespaces, 500 identities -> 12,345 steps
                  baseline (inventory to JSON): min 0.100 s  median 0.200 s  max 0.300 s
                  plan + write plan.yaml:       min 0.500 s  median 0.600 s  max 0.900 s   ratio 3.0x the baseline
                  target: median < 2.0 s: PASS;  ran within a 512 MiB heap cap (target < 512 MiB): PASS; \
                old-generation peak 120 MiB
                """;

        List<BenchResult> rows = PlanFigures.rows(output, 5);

        assertThat(rows).hasSize(2);
        BenchResult plan = rows.get(0);
        assertThat(plan.name()).isEqualTo("plan, 10,000 workloads: plan + write plan.yaml");
        assertThat(plan.figure()).isEqualTo(0.6);
        assertThat(plan.baseline().value()).isEqualTo(0.2);
        assertThat(plan.ratio()).isEqualTo(0.6 / 0.2);
        assertThat(plan.verdict()).isEqualTo(Verdict.PASS);
        assertThat(plan.runs()).isEqualTo(new BenchResult.Runs(5, 0.5, 0.6, 0.9));
        assertThat(rows.get(1).figure()).isEqualTo(120.0);
    }

    @Test
    void unrecognisedPlanOutputIsAnErrorRowQuotingIt() {
        List<BenchResult> rows = PlanFigures.rows("something else entirely\nException: boom", 5);

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.verdict()).isEqualTo(Verdict.ERROR);
            assertThat(row.note()).contains("Exception: boom");
        });
    }

    @Test
    void rewriteRowsInThisShapeAreTakenAndOtherJsonIsKeptWhole() {
        String row = "{\"name\":\"rewrite scan\",\"figure\":2.0,\"unit\":\"s\",\"baseline\":{\"what\":\"rg\","
                + "\"value\":1.0},\"ratio\":2.0,\"target\":{\"on\":\"RATIO\",\"op\":\"<=\",\"value\":3.0},"
                + "\"verdict\":\"PASS\",\"runs\":{\"count\":3,\"min\":1.5,\"median\":2.0,\"max\":2.5},\"note\":null}";

        assertThat(RewriteFigures.rows(List.of("progress...", "[" + row + "]", "")))
                .singleElement().satisfies(r -> assertThat(r.name()).isEqualTo("rewrite scan"));
        assertThat(RewriteFigures.rows(List.of("{\"filesPerSecond\": 1234}")))
                .singleElement().satisfies(r -> {
                    assertThat(r.verdict()).isEqualTo(Verdict.INFO);
                    assertThat(r.note()).contains("filesPerSecond");
                });
        assertThat(RewriteFigures.rows(List.of("done")).get(0).verdict()).isEqualTo(Verdict.ERROR);
    }
}
