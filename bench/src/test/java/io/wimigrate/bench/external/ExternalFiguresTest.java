package io.wimigrate.bench.external;

import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.bench.results.BenchResult;
import io.wimigrate.bench.results.BenchResult.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading other benchmarks' output: bench/plan's JMH results and bench/rewrite's last JSON line. */
class ExternalFiguresTest {

    @Test
    void planFiguresComeFromJmhResultsAndTheForksHeapLine() throws Exception {
        String jmh = """
                [{"benchmark": "io.wimigrate.bench.PlanBenchmark.inventoryToJson", "mode": "ss",
                  "params": {"workloads": "10000"},
                  "primaryMetric": {"score": 0.2, "scoreUnit": "s/op", "rawData": [[0.3, 0.1, 0.2]]}},
                 {"benchmark": "io.wimigrate.bench.PlanBenchmark.plan", "mode": "ss",
                  "params": {"workloads": "10000"},
                  "primaryMetric": {"score": 0.66, "scoreUnit": "s/op", "rawData": [[0.9, 0.5, 0.6, 0.7, 0.55]]}}]
                """;
        String output = "io.wimigrate.bench.PlanBenchmark.inventoryToJson old-generation peak (MiB): 80 (heap cap 512"
                + " MiB)\nio.wimigrate.bench.PlanBenchmark.plan old-generation peak (MiB): 120 (heap cap 512 MiB)\n";

        List<BenchResult> rows = PlanFigures.rows(jmh, output);

        assertThat(rows).hasSize(2);
        BenchResult plan = rows.get(0);
        assertThat(plan.name()).isEqualTo("plan, 10,000 workloads: plan + write plan.yaml");
        assertThat(plan.figure()).isEqualTo(0.6);
        assertThat(plan.baseline().value()).isEqualTo(0.2);
        assertThat(plan.ratio()).isEqualTo(0.6 / 0.2);
        assertThat(plan.verdict()).isEqualTo(Verdict.PASS);
        assertThat(plan.runs()).isEqualTo(new BenchResult.Runs(5, 0.5, 0.6, 0.9));
        assertThat(rows.get(1).figure()).as("the plan fork's heap, not the baseline's").isEqualTo(120.0);
    }

    @Test
    void missingJmhResultsAreAnErrorRowQuotingTheOutput() throws Exception {
        List<BenchResult> rows = PlanFigures.rows("", "something else entirely\nException: boom");

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.verdict()).isEqualTo(Verdict.ERROR);
            assertThat(row.note()).contains("Exception: boom");
        });
    }

    @Test
    void rewriteRowsInThisShapeAreTakenAndAnyOtherOutputIsAnErrorQuotingIt() {
        String row = "{\"name\":\"rewrite scan\",\"figure\":2.0,\"unit\":\"s\",\"baseline\":{\"what\":\"rg\","
                + "\"value\":1.0},\"ratio\":2.0,\"target\":{\"on\":\"RATIO\",\"op\":\"<=\",\"value\":3.0},"
                + "\"verdict\":\"PASS\",\"runs\":{\"count\":3,\"min\":1.5,\"median\":2.0,\"max\":2.5},\"note\":null}";

        assertThat(RewriteFigures.rows(List.of("progress...", "[" + row + "]", "")))
                .singleElement().satisfies(r -> assertThat(r.name()).isEqualTo("rewrite scan"));
        assertThat(RewriteFigures.rows(List.of("{\"filesPerSecond\": 1234}")))
                .singleElement().satisfies(r -> {
                    assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
                    assertThat(r.note()).contains("filesPerSecond");
                });
        assertThat(RewriteFigures.rows(List.of("done")).get(0).verdict()).isEqualTo(Verdict.ERROR);
    }
}
