package io.wimigrate.planner;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.wimigrate.scanner.BadInputException;
import io.wimigrate.scanner.InputLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Per-object choices a team makes in a small YAML file ({@code --overrides}), each with its reason:
 * <pre>
 * servicePrincipals:
 *   AzureIdentity/orders/orders-legacy-sp: {strategy: app-fic, reason: "needs its Graph permissions"}
 * workloads:
 *   payments/payments-api: {code: workload-identity-ready, reason: "azure-identity 1.12 since release 4.2"}
 *   payments/payments-ledger: {code: rewritten, repo: examples/repo, reason: "built from this repository"}
 * </pre>
 * Service principals are named as {@code AzureIdentity/ns/name} or {@code Secret/ns/name}; workloads as
 * {@code ns/name}, optionally prefixed by {@code cluster:}.
 */
public record Overrides(Map<String, SpChoice> servicePrincipals, Map<String, WorkloadChoice> workloads) {

    public static final Set<String> STRATEGIES = Set.of(SpChoice.UAMI, SpChoice.APP_FIC);

    private static final ObjectMapper YAML = YAMLMapper.builder(InputLimits.yaml(YAMLFactory.builder()).build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public Overrides {
        servicePrincipals = servicePrincipals == null ? new TreeMap<>() : new TreeMap<>(servicePrincipals);
        workloads = workloads == null ? new TreeMap<>() : new TreeMap<>(workloads);
    }

    public static Overrides none() {
        return new Overrides(null, null);
    }

    public static Overrides read(Path file) {
        Overrides overrides;
        try {
            overrides = YAML.readValue(InputLimits.readString(file, file.toString()), Overrides.class);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read overrides: " + e.getMessage(), e);
        }
        if (overrides == null) {
            return none();
        }
        overrides.servicePrincipals.forEach((name, choice) -> {
            if (!STRATEGIES.contains(choice.strategy())) {
                throw new BadInputException(file + ": servicePrincipals." + name + ".strategy must be uami or app-fic");
            }
            if (choice.reason() == null || choice.reason().isBlank()) {
                throw new BadInputException(file + ": servicePrincipals." + name + " needs a reason");
            }
        });
        overrides.workloads.forEach((name, choice) -> {
            if (!WorkloadChoice.READY.equals(choice.code()) && !WorkloadChoice.REWRITTEN.equals(choice.code())) {
                throw new BadInputException(file + ": workloads." + name + ".code must be " + WorkloadChoice.READY
                        + " or " + WorkloadChoice.REWRITTEN);
            }
            if (WorkloadChoice.REWRITTEN.equals(choice.code()) == (choice.repo() == null)) {
                throw new BadInputException(file + ": workloads." + name + ": repo goes with code: "
                        + WorkloadChoice.REWRITTEN + ", and only with it");
            }
            if (choice.reason() == null || choice.reason().isBlank()) {
                throw new BadInputException(file + ": workloads." + name + " needs a reason");
            }
        });
        return overrides;
    }

    /** How one service principal moves: {@code uami} (new identity, roles copied) or {@code app-fic}. */
    public record SpChoice(String strategy, String reason) {
        public static final String UAMI = "uami";
        public static final String APP_FIC = "app-fic";
    }

    /**
     * What the workload's code does about workload identity. {@code workload-identity-ready}: it already takes it (an
     * Azure Identity library recent enough, reading AZURE_FEDERATED_TOKEN_FILE). {@code rewritten}: it is built from
     * the scanned repository {@code repo}, whose patch (phase 5) this plan includes. Either way it needs no IMDS proxy
     * sidecar and no manual confirmation.
     */
    public record WorkloadChoice(String code, String reason, String repo) {
        public static final String READY = "workload-identity-ready";
        public static final String REWRITTEN = "rewritten";

        public WorkloadChoice(String code, String reason) {
            this(code, reason, null);
        }
    }

    /** The choice for a workload, looked up as {@code cluster:ns/name} first, then {@code ns/name}. */
    public WorkloadChoice workload(String cluster, String namespace, String name) {
        WorkloadChoice qualified = workloads.get(cluster + ":" + namespace + "/" + name);
        return qualified != null ? qualified : workloads.get(namespace + "/" + name);
    }
}
