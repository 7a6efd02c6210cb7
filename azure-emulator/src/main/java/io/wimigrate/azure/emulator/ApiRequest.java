package io.wimigrate.azure.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One HTTP request as the handlers see it: path with duplicate slashes collapsed, query decoded. */
record ApiRequest(String method, String path, Map<String, String> query, Map<String, List<String>> headers,
                  byte[] body) {

    static Map<String, String> decodeForm(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            values.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return values;
    }

    Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0))
                .findFirst();
    }

    Optional<String> queryParam(String name) {
        return Optional.ofNullable(query.get(name));
    }

    Map<String, String> form() {
        return decodeForm(new String(body, StandardCharsets.UTF_8));
    }

    JsonNode json() {
        return Json.parse(body);
    }
}
