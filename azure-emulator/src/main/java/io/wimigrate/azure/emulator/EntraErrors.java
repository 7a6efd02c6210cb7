package io.wimigrate.azure.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The token endpoint's error body: {@code error}, {@code error_description} starting with {@code AADSTS<code>:}
 * and ending with trace/correlation ids and timestamp, {@code error_codes}, {@code timestamp}, {@code trace_id},
 * {@code correlation_id}, {@code error_uri}.
 */
final class EntraErrors {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private EntraErrors() {
    }

    static ApiException error(int status, String error, int code, String description, String correlationId,
                              String baseUrl) {
        String traceId = UUID.randomUUID().toString();
        String timestamp = TIMESTAMP.format(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        ObjectNode body = Json.object();
        body.put("error", error);
        body.put("error_description", "AADSTS" + code + ": " + description + " Trace ID: " + traceId
                + " Correlation ID: " + correlationId + " Timestamp: " + timestamp);
        body.putArray("error_codes").add(code);
        body.put("timestamp", timestamp);
        body.put("trace_id", traceId);
        body.put("correlation_id", correlationId);
        body.put("error_uri", baseUrl + "/error?code=" + code);
        return new ApiException(ApiResponse.json(status, body), "AADSTS" + code);
    }
}
