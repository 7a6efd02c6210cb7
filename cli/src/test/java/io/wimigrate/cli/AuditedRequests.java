package io.wimigrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests one user made, as the API server's audit log recorded them (metadata level), and which RBAC rule
 * allows each: what a role is proven to need by use.
 */
final class AuditedRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditedRequests() {
    }

    /** One request: {@code resource} includes the subresource ({@code serviceaccounts/token}); a URL path has none. */
    record Request(String verb, String group, String resource, String namespace, String name, String path,
                   boolean allowed) {

        boolean matches(PolicyRule rule) {
            if (!rule.getVerbs().contains(verb) && !rule.getVerbs().contains("*")) {
                return false;
            }
            if (resource == null) {
                return rule.getNonResourceURLs() != null && rule.getNonResourceURLs().contains(path);
            }
            return (rule.getApiGroups().contains(group) || rule.getApiGroups().contains("*"))
                    && (rule.getResources().contains(resource) || rule.getResources().contains("*"))
                    && (rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
                    || rule.getResourceNames().contains(name));
        }

        @Override
        public String toString() {
            return verb + " " + (resource == null ? path : (group.isEmpty() ? "" : group + "/") + resource
                    + (namespace == null ? "" : " in " + namespace)) + (allowed ? "" : " (denied)");
        }
    }

    /** Every completed request of {@code user} in the log between bytes {@code from} and {@code to}, in order. */
    static List<Request> of(Path auditLog, long from, long to, String user) {
        List<Request> requests = new ArrayList<>();
        try {
            byte[] bytes = Files.readAllBytes(auditLog);
            for (String line : new String(bytes, (int) from, (int) Math.min(to, bytes.length) - (int) from,
                    StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode event = JSON.readTree(line);
                if (!"ResponseComplete".equals(event.path("stage").asText())
                        || !user.equals(event.path("user").path("username").asText())) {
                    continue;
                }
                JsonNode object = event.path("objectRef");
                String resource = object.hasNonNull("resource") ? object.get("resource").asText()
                        + (object.hasNonNull("subresource") ? "/" + object.get("subresource").asText() : "") : null;
                String uri = event.path("requestURI").asText();
                requests.add(new Request(event.path("verb").asText(), object.path("apiGroup").asText(""), resource,
                        object.hasNonNull("namespace") ? object.get("namespace").asText() : null,
                        object.hasNonNull("name") ? object.get("name").asText() : null,
                        uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri,
                        "allow".equals(event.path("annotations").path("authorization.k8s.io/decision").asText())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log " + auditLog, e);
        }
        return requests;
    }

    static long size(Path auditLog) {
        try {
            return Files.size(auditLog);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
