package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.StepFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Where a workload kind keeps its pod spec, and what a pod spec holds that matters when it is copied. */
final class PodSpecs {

    static final String POD = "Pod";
    /** Env vars that hold a service-principal credential; a literal value of one never goes into the journal. */
    /**
     * Env names that say their value is a credential (AZURE_CLIENT_SECRET, SMTP_PASSWORD, API_KEY, ...), not where
     * one is (AZURE_FEDERATED_TOKEN_FILE, which the webhook sets).
     */
    private static final Pattern SECRET_ENV = Pattern.compile("(?i)(?!.*_(FILE|PATH|DIR|URL|URI|HOST)$)"
            + ".*(SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CONNECTION_?STRING).*");
    private static final List<String> CONTAINER_LISTS = List.of("initContainers", "containers",
            "ephemeralContainers");

    private PodSpecs() {
    }

    /** The dotted path of the pod spec in an object of {@code kind}. */
    static String path(String kind) {
        return switch (kind) {
            case POD -> "spec";
            case "CronJob" -> "spec.jobTemplate.spec.template.spec";
            default -> "spec.template.spec";
        };
    }

    /** Every container of the spec (init, regular, ephemeral). */
    static List<ObjectNode> containers(ObjectNode podSpec) {
        List<ObjectNode> all = new ArrayList<>();
        for (String list : CONTAINER_LISTS) {
            for (JsonNode container : podSpec.path(list)) {
                all.add((ObjectNode) container);
            }
        }
        return all;
    }

    /** Refuses to copy a pod spec that sets a credential env var to a literal value: the copy goes to the journal. */
    static void requireNoLiteralSecret(KubeObject owner, ObjectNode podSpec) {
        for (ObjectNode container : containers(podSpec)) {
            for (JsonNode env : container.path("env")) {
                if (SECRET_ENV.matcher(env.path("name").asText()).matches() && env.hasNonNull("value")
                        && !env.get("value").asText().isEmpty()) {
                    throw new StepFailedException(owner.display() + ": container " + container.path("name").asText()
                            + " sets " + env.path("name").asText() + " to a literal value, which would be copied"
                            + " into the journal; move it into a Secret and run again");
                }
            }
        }
    }
}
