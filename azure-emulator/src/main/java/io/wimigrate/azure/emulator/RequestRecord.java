package io.wimigrate.azure.emulator;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** One served request; the query is kept because it never carries secrets (token requests carry them in the body). */
public record RequestRecord(String method, String path, String query, Instant start, Instant end, int status) {

    private static final Map<String, String> ACTIONS = Map.of("GET", "read", "PUT", "write", "PATCH", "write",
            "DELETE", "delete");

    public boolean overlaps(RequestRecord other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }

    /**
     * The Azure RBAC action an ARM request needs, as role definitions name it
     * ({@code Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write}); empty for what is
     * not an ARM resource request (tokens, Microsoft Graph, metadata).
     */
    public Optional<String> armAction() {
        String action = ACTIONS.get(method);
        if (action == null || !path.startsWith("/subscriptions/")) {
            return Optional.empty();
        }
        int providers = path.lastIndexOf("/providers/");
        if (providers < 0) {
            String[] segments = path.substring(1).split("/");
            return segments.length == 4 && segments[2].equalsIgnoreCase("resourceGroups")
                    ? Optional.of("Microsoft.Resources/subscriptions/resourceGroups/" + action) : Optional.empty();
        }
        String[] segments = path.substring(providers + "/providers/".length()).split("/");
        StringBuilder operation = new StringBuilder(segments[0]);
        for (int i = 1; i < segments.length; i += 2) {
            operation.append('/').append(segments[i]);
        }
        return Optional.of(operation + "/" + action);
    }
}
