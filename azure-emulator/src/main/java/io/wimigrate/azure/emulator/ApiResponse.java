package io.wimigrate.azure.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler answers; the dispatcher writes it out. */
record ApiResponse(int status, Map<String, String> headers, byte[] body) {

    static ApiResponse json(int status, JsonNode body) {
        return new ApiResponse(status, Map.of("Content-Type", "application/json; charset=utf-8"), Json.bytes(body));
    }

    static ApiResponse json(int status, JsonNode body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put("Content-Type", "application/json; charset=utf-8");
        return new ApiResponse(status, headers, Json.bytes(body));
    }

    static ApiResponse empty(int status) {
        return new ApiResponse(status, Map.of(), new byte[0]);
    }
}
