package io.wimigrate.bench.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunsTest {

    @Test
    void theMedianOfAnEvenNumberOfRunsIsTheMeanOfTheMiddleTwoNotTheUpperOne() {
        BenchResult.Runs two = BenchResult.Runs.of(List.of(27.8, 4.5));
        BenchResult.Runs four = BenchResult.Runs.of(List.of(4.0, 1.0, 3.0, 2.0));

        assertThat(two.median()).isCloseTo(16.15, within(1e-9));
        assertThat(two.count()).isEqualTo(2);
        assertThat(List.of(two.min(), two.max())).containsExactly(4.5, 27.8);
        assertThat(four.median()).isEqualTo(2.5);
    }

    @Test
    void theMedianOfAnOddNumberOfRunsIsTheMiddleOne() {
        assertThat(BenchResult.Runs.of(List.of(5.0, 1.0, 9.0)).median()).isEqualTo(5.0);
        assertThat(BenchResult.Runs.of(List.of(7.0)).median()).isEqualTo(7.0);
    }
}
