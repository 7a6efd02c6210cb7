package io.wimigrate.bench.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.azure.emulator.RequestRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArmTimelineTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String IDENTITY = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg"
            + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-a";

    @Test
    void requestsSplitIntoBurstsAtIdleGapsWithTheirKindsAndMostInFlight() {
        List<RequestRecord> log = List.of(
                request("GET", IDENTITY + "/federatedIdentityCredentials", 0, 200),
                request("GET", IDENTITY + "/federatedIdentityCredentials", 50, 250),
                request("POST", "/tenant/oauth2/v2.0/token", 260, 300),
                request("GET", IDENTITY, 240, 260),
                request("PUT", IDENTITY + "/federatedIdentityCredentials/fic-1", 400, 650),
                request("GET", IDENTITY + "/federatedIdentityCredentials", 660, 700));

        ArmTimeline timeline = ArmTimeline.of(log, Duration.ofMillis(20));

        assertThat(timeline.bursts()).hasSize(2);
        ArmTimeline.Burst first = timeline.bursts().get(0);
        assertThat(first.kinds()).isEqualTo(Map.of("GET userassignedidentities/federatedidentitycredentials (list)", 2,
                "GET userassignedidentities", 1));
        assertThat(first.maxInFlight()).isEqualTo(2);
        assertThat(Duration.between(first.start(), first.end())).isEqualTo(Duration.ofMillis(260));
        ArmTimeline.Burst second = timeline.bursts().get(1);
        assertThat(second.kinds()).containsEntry("PUT userassignedidentities/federatedidentitycredentials", 1);
        assertThat(second.maxInFlight()).isEqualTo(1);
        assertThat(timeline.lines()).hasSize(3).element(1).asString().contains("gap    140 ms");
    }

    private static RequestRecord request(String method, String path, long startMs, long endMs) {
        return new RequestRecord(method, path, "api-version=2023-01-31", T0.plusMillis(startMs), T0.plusMillis(endMs),
                200);
    }
}
