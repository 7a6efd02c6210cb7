package io.wimigrate.scanner.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RBAC denial (HTTP 403) as one line naming what to grant:
 * {@code forbidden: cannot patch deployments "api" in namespace "orders" (verb patch, resource deployments, group apps)
 * — grant patch on deployments.apps}. The verb, resource and group are those of the API server's own message, which
 * says exactly what the authorizer was asked.
 */
public final class Forbidden {

    private static final Pattern RESOURCE = Pattern.compile(
            "cannot (\\S+) resource \"([^\"]+)\" in API group \"([^\"]*)\"(?: in the namespace \"([^\"]+)\")?");
    private static final Pattern PATH = Pattern.compile("cannot (\\S+) path \"([^\"]+)\"");

    private Forbidden() {
    }

    /** The line for a denied {@code verb} on {@code resource} of {@code group} ("" for core); {@code scope} follows. */
    public static String message(String verb, String resource, String group, String scope) {
        String groupName = group.isEmpty() ? "core" : group;
        String qualified = group.isEmpty() ? resource : resource + "." + group;
        return "forbidden: cannot " + verb + " " + resource + scope + " (verb " + verb + ", resource " + resource
                + ", group " + groupName + ") — grant " + verb + " on " + qualified;
    }

    /** What to grant when {@code e} is an RBAC denial, else {@code HTTP <code> <the API server's message>}. */
    public static String orHttpStatus(KubernetesClientException e) {
        return describe(e).orElseGet(() -> "HTTP " + e.getCode() + (e.getStatus() != null
                && e.getStatus().getMessage() != null ? " " + e.getStatus().getMessage() : ""));
    }

    /** The line for {@code e} when it is an RBAC denial the API server explained; empty otherwise. */
    public static Optional<String> describe(KubernetesClientException e) {
        if (e.getCode() != 403 || e.getStatus() == null || e.getStatus().getMessage() == null) {
            return Optional.empty();
        }
        String text = e.getStatus().getMessage();
        Matcher resource = RESOURCE.matcher(text);
        if (resource.find()) {
            String name = e.getStatus().getDetails() == null ? null : e.getStatus().getDetails().getName();
            String scope = (name == null || name.isEmpty() ? "" : " \"" + name + "\"")
                    + (resource.group(4) == null ? "" : " in namespace \"" + resource.group(4) + "\"");
            return Optional.of(message(resource.group(1), resource.group(2), resource.group(3), scope));
        }
        Matcher path = PATH.matcher(text);
        if (path.find()) {
            return Optional.of("forbidden: cannot " + path.group(1) + " " + path.group(2) + " (non-resource URL) —"
                    + " grant " + path.group(1) + " on nonResourceURLs " + path.group(2));
        }
        return Optional.empty();
    }
}
