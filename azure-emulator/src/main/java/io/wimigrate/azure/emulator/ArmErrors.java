package io.wimigrate.azure.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** ARM's error body: {"error":{"code","message"}}. */
final class ArmErrors {
    private ArmErrors() {
    }

    static ApiException error(int status, String code, String message) {
        return error(status, code, message, Map.of());
    }

    static ApiException error(int status, String code, String message, Map<String, String> headers) {
        ObjectNode body = Json.object();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return new ApiException(ApiResponse.json(status, body, headers), code + ": " + message);
    }

    static ApiException badRequest(String message) {
        return error(400, "BadRequest", message);
    }

    static ApiException invalidRequestContent(String message) {
        return error(400, "InvalidRequestContent", message);
    }
}
