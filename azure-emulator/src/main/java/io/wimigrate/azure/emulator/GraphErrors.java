package io.wimigrate.azure.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Microsoft Graph's error body: {"error":{"code","message","innerError":{"date","request-id",...}}}. */
final class GraphErrors {
    private GraphErrors() {
    }

    static ApiException error(int status, String code, String message) {
        ObjectNode body = Json.object();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        String requestId = UUID.randomUUID().toString();
        ObjectNode inner = error.putObject("innerError");
        inner.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        inner.put("request-id", requestId);
        inner.put("client-request-id", requestId);
        return new ApiException(ApiResponse.json(status, body), code + ": " + message);
    }

    static ApiException badRequest(String message) {
        return error(400, "Request_BadRequest", message);
    }

    static ApiException notFound(String id) {
        return error(404, "Request_ResourceNotFound", "Resource '" + id
                + "' does not exist or one of its queried reference-property objects are not present.");
    }
}
