package io.wimigrate.executor;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.wimigrate.planner.model.CopyRoleAssignment;
import io.wimigrate.planner.model.CreateFederatedCredential;
import io.wimigrate.planner.model.CreateIdentity;
import io.wimigrate.planner.model.Step;
import io.wimigrate.planner.model.StepIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A test handler for every step type that makes a real, observable change: a key named after the step in a ConfigMap
 * named after the step's target (so steps on one target share an object, as on one identity). It records when steps
 * overlap on one target, how many ran at once, the order of applies and reverts, and can fail or crash on demand.
 * Manual steps keep their real handler.
 */
final class MarkerHandler implements StepHandler<Step> {

    private final KubernetesClient client;
    private final String namespace;
    private final Map<String, AtomicInteger> activeByTarget = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();
    final List<String> overlaps = Collections.synchronizedList(new ArrayList<>());
    final List<String> applied = Collections.synchronizedList(new ArrayList<>());
    final List<String> reverted = Collections.synchronizedList(new ArrayList<>());
    /** Start and end (nanos) of each apply, by step id. */
    final Map<String, long[]> intervals = new ConcurrentHashMap<>();
    volatile String crashAfter;
    volatile String failOn;
    volatile Consumer<String> afterMutation = step -> { };
    volatile Duration work = Duration.ofMillis(150);
    volatile ObjectNode extraPrior;

    MarkerHandler(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    Function<Step, Bound<?>> binder() {
        Handlers real = new Handlers();
        return step -> {
            Bound<?> bound = real.bind(step);
            return bound.handler() instanceof ManualStep<?> ? bound : new Bound<>(step, this);
        };
    }

    static String configMap(Step step) {
        return "m-" + StepIds.sha256(StepGraph.serialKey(step.target())).substring(0, 12);
    }

    /** What the step wrote, or null. */
    String value(Step step) {
        ConfigMap map = client.configMaps().inNamespace(namespace).withName(configMap(step)).get();
        return map == null || map.getData() == null ? null : map.getData().get(step.id());
    }

    @Override
    public ObjectNode observe(Step step, StepContext context) {
        ObjectNode prior = JsonNodeFactory.instance.objectNode();
        String value = value(step);
        prior.put("present", value != null);
        if (value != null) {
            prior.put("value", value);
        }
        if (extraPrior != null) {
            prior.set("extra", extraPrior);
        }
        return prior;
    }

    @Override
    public Applied apply(Step step, ObjectNode prior, StepContext context) {
        String target = StepGraph.serialKey(step.target());
        long start = System.nanoTime();
        if (activeByTarget.computeIfAbsent(target, k -> new AtomicInteger()).incrementAndGet() > 1) {
            overlaps.add(target);
        }
        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            sleep(work);
            String value = value(step, context);
            if (!context.dryRun()) {
                put(step, value);
            }
            afterMutation.accept(step.id());
            if (step.id().equals(crashAfter)) {
                throw new SimulatedCrash(step.id());
            }
            if (step.id().equals(failOn)) {
                throw new StepFailedException("injected failure of " + step.id());
            }
            applied.add(step.id());
            Applied result = Applied.changed("marked " + value);
            return step instanceof CreateIdentity ? result.withOutputs(Map.of("clientId", clientId(step))) : result;
        } finally {
            running.decrementAndGet();
            activeByTarget.get(target).decrementAndGet();
            intervals.put(step.id(), new long[] {start, System.nanoTime()});
        }
    }

    @Override
    public void revert(Step step, ObjectNode prior, StepContext context) {
        reverted.add(step.id());
        if (prior.path("present").asBoolean()) {
            put(step, prior.get("value").asText());
            return;
        }
        client.configMaps().inNamespace(namespace).withName(configMap(step)).edit(map -> {
            if (map.getData() != null) {
                map.getData().remove(step.id());
            }
            return map;
        });
    }

    static String clientId(Step step) {
        return "client-" + step.id();
    }

    private static String value(Step step, StepContext context) {
        if (step instanceof CreateFederatedCredential fic) {
            return context.placeholders().resolve(fic.desired().issuer());
        }
        if (step instanceof CopyRoleAssignment copy) {
            return context.placeholders().resolve(copy.desired().principal());
        }
        return "applied";
    }

    private void put(Step step, String value) {
        for (int attempt = 0; ; attempt++) {
            ConfigMap map = client.configMaps().inNamespace(namespace).withName(configMap(step)).get();
            try {
                if (map == null) {
                    client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata()
                            .withName(configMap(step)).withNamespace(namespace).endMetadata()
                            .addToData(step.id(), value).build()).create();
                } else {
                    client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder(map)
                            .addToData(step.id(), value).build()).update();
                }
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt > 5) {
                    throw e;
                }
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
