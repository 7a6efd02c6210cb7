package io.wimigrate.bench.results;

import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.bench.cluster.ClusterFleet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The canary side of the bench: its cluster fleet holds {@value ClusterFleet#SECRETS} Secrets whose values are
 * {@value ClusterFleet#SECRET_ClusterFleet.SECRET_VALUE_PREFIX}{@code <i>} (service-principal ones among them, read by the scanned workloads), and the committed
 * results of a run over it carry none of them, plain or base64. The results are built from numbers and fixed
 * labels only (names, units, baselines, notes with counts), so no input text can reach them.
 */
class ResultsCarryNoSecretTest {

    @Test
    void theCommittedResultsHoldNoValueOfTheFleetsSecrets() throws IOException {
        String base64Prefix = Base64.getEncoder().encodeToString(ClusterFleet.SECRET_VALUE_PREFIX.getBytes(StandardCharsets.UTF_8))
                .substring(0, 16);

        for (String file : new String[] {"results.json", "results.md"}) {
            String results = Files.readString(Path.of(file));
            assertThat(results).as(file).contains("cluster scan").doesNotContain(ClusterFleet.SECRET_VALUE_PREFIX)
                    .doesNotContain(base64Prefix);
        }
    }
}
