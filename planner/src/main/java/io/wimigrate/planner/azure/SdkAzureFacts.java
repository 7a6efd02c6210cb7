package io.wimigrate.planner.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.Context;
import com.azure.resourcemanager.authorization.AuthorizationManager;
import com.azure.resourcemanager.authorization.models.ActiveDirectoryApplication;
import com.azure.resourcemanager.authorization.models.ServicePrincipal;
import com.azure.resourcemanager.msi.MsiManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wimigrate.planner.AzureFacts;
import io.wimigrate.planner.model.Target;
import io.wimigrate.scanner.DaemonThreads;
import io.wimigrate.scanner.Futures;
import io.wimigrate.scanner.model.IdentityType;
import io.wimigrate.scanner.model.Inventory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads what the plan needs from ARM and Microsoft Graph through the Azure SDK: the federated credentials an identity
 * or app registration already has, and a service principal's role assignments in every given subscription. A read
 * that fails (no permission, an unknown principal) leaves the fact unresolved rather than guessing.
 */
public final class SdkAzureFacts implements AzureFacts {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Each read in flight is an HTTP/1.1 connection of its own, and a fresh process TLS-handshakes every one: on a
     * loaded 2-core machine 200 at once got fewer reads in flight (27) than 64 at once did (51).
     */
    static final int PARALLEL_READS = 64;

    private final Map<String, MsiManager> msiBySubscription = new LinkedHashMap<>();
    private final Map<String, AuthorizationManager> authorizationBySubscription = new LinkedHashMap<>();
    private final Map<String, String> roleNames = new ConcurrentHashMap<>();
    /** Answers read or being read: this object lives for one plan (or one freshness check). */
    private final Map<Target, CompletableFuture<Optional<List<ExistingFederatedCredential>>>> credentials =
            new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Optional<List<RoleAssignment>>>> assignments =
            new ConcurrentHashMap<>();
    private final AuthorizationManager graph;
    private final AzureConnection connection;

    public SdkAzureFacts(AzureConnection connection) {
        this.connection = connection;
        for (String subscription : connection.subscriptions()) {
            msiBySubscription.put(subscription.toLowerCase(Locale.ROOT), connection.msi(subscription));
            authorizationBySubscription.put(subscription, connection.authorization(subscription));
        }
        graph = authorizationBySubscription.values().iterator().next();
    }

    @Override
    public boolean resolved() {
        return true;
    }

    @Override
    public void prepare() {
        connection.signInInBackground();
    }

    /**
     * Starts reading the user-assigned identities' credentials and the service principals' role assignments of
     * every AzureIdentity, {@link #PARALLEL_READS} at a time, and returns: one by one, a fleet's hundreds of identities
     * would cost as many ARM round trips in a row, on every plan and on every apply's freshness check; and the rules
     * that need none of the answers run while they are read. A question asked before its answer is in waits for it.
     */
    @Override
    public void prefetch(Inventory inventory) {
        List<Runnable> reads = new ArrayList<>();
        inventory.clusters().forEach(cluster -> cluster.azureIdentities().forEach(identity -> {
            if (identity.type() == IdentityType.USER_ASSIGNED_MSI && identity.resourceId() != null
                    && Target.isIdentityId(identity.resourceId())) {
                claim(credentials, Target.identityById(identity.resourceId()), this::readCredentials)
                        .ifPresent(reads::add);
            } else if (identity.type() != IdentityType.USER_ASSIGNED_MSI && identity.clientId() != null) {
                claim(assignments, identity.clientId(), this::readRoleAssignments).ifPresent(reads::add);
            }
        }));
        if (reads.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_READS, reads.size()),
                DaemonThreads.named("wimigrate-azure-read"));
        reads.forEach(pool::execute);
        pool.shutdown();
    }

    @Override
    public Optional<List<ExistingFederatedCredential>> federatedCredentials(Target target) {
        return remembered(credentials, target, this::readCredentials);
    }

    @Override
    public Optional<List<RoleAssignment>> roleAssignments(String clientId) {
        return remembered(assignments, clientId, this::readRoleAssignments);
    }

    /** The answer read before or being read, or read now in this thread (outside the map's locks) and kept. */
    private static <K, V> V remembered(Map<K, CompletableFuture<V>> answers, K key, Function<K, V> read) {
        claim(answers, key, read).ifPresent(Runnable::run);
        return Futures.join(answers.get(key));
    }

    /** The read that gives {@code key}'s answer, unless another caller has claimed it already. */
    private static <K, V> Optional<Runnable> claim(Map<K, CompletableFuture<V>> answers, K key,
                                                   Function<K, V> read) {
        CompletableFuture<V> answer = new CompletableFuture<>();
        if (answers.putIfAbsent(key, answer) != null) {
            return Optional.empty();
        }
        return Optional.of(() -> {
            try {
                answer.complete(read.apply(key));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
    }

    private Optional<List<ExistingFederatedCredential>> readCredentials(Target target) {
        if (Target.USER_ASSIGNED_IDENTITY.equals(target.kind())) {
            return identityCredentials(target);
        }
        if (Target.APPLICATION.equals(target.kind())) {
            return applicationCredentials(target.name());
        }
        return Optional.empty();
    }

    private Optional<List<RoleAssignment>> readRoleAssignments(String clientId) {
        Optional<ServicePrincipal> principal = patiently(() -> graph.servicePrincipals()
                .listByFilter("appId eq '" + clientId + "'").stream().findFirst());
        if (principal.isEmpty()) {
            return Optional.empty();
        }
        List<RoleAssignment> assignments = new ArrayList<>();
        for (AuthorizationManager authorization : authorizationBySubscription.values()) {
            patiently(() -> authorization.roleAssignments().listByServicePrincipal(principal.get().id()).stream()
                    .toList()).forEach(assignment -> assignments.add(new RoleAssignment(roleName(authorization,
                    assignment.roleDefinitionId()), assignment.scope())));
        }
        assignments.sort(Comparator.comparing(RoleAssignment::scope).thenComparing(RoleAssignment::role));
        return Optional.of(List.copyOf(assignments));
    }

    private Optional<List<ExistingFederatedCredential>> identityCredentials(Target identity) {
        String[] scope = identity.scope().split("/");
        MsiManager msi = msiBySubscription.get(scope[2].toLowerCase(Locale.ROOT));
        if (msi == null) {
            return Optional.empty();
        }
        try {
            List<ExistingFederatedCredential> credentials = new ArrayList<>();
            patiently(() -> msi.serviceClient().getFederatedIdentityCredentials().list(scope[4], identity.name())
                    .stream().toList()).forEach(fic -> credentials.add(new ExistingFederatedCredential(fic.name(),
                    fic.issuer(), fic.subject())));
            credentials.sort(Comparator.comparing(ExistingFederatedCredential::name));
            return Optional.of(List.copyOf(credentials));
        } catch (ManagementException e) {
            // A missing identity has no credentials yet; anything else (403, throttling beyond retries) is unknown.
            return e.getResponse() != null && e.getResponse().getStatusCode() == 404
                    ? Optional.of(List.of()) : Optional.empty();
        }
    }

    private Optional<List<ExistingFederatedCredential>> applicationCredentials(String appId) {
        Optional<ActiveDirectoryApplication> application = patiently(() -> graph.applications()
                .listByFilter("appId eq '" + appId + "'").stream().findFirst());
        if (application.isEmpty()) {
            return Optional.empty();
        }
        HttpPipeline pipeline = graph.serviceClient().getHttpPipeline();
        String url = graph.serviceClient().getEndpoint() + "/applications/" + application.get().id()
                + "/federatedIdentityCredentials";
        try {
            JsonNode body = patiently(() -> {
                try (HttpResponse response = pipeline.sendSync(new HttpRequest(HttpMethod.GET, url), Context.NONE)) {
                    byte[] bytes = response.getBodyAsBinaryData().toBytes();
                    if (response.getStatusCode() != 200) {
                        throw new HttpResponseException("GET " + url + ": HTTP " + response.getStatusCode(), response,
                                null);
                    }
                    return JSON.readTree(bytes);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            List<ExistingFederatedCredential> credentials = new ArrayList<>();
            for (JsonNode fic : body.path("value")) {
                credentials.add(new ExistingFederatedCredential(fic.path("name").asText(),
                        fic.path("issuer").asText(), fic.path("subject").asText()));
            }
            credentials.sort(Comparator.comparing(ExistingFederatedCredential::name));
            return Optional.of(List.copyOf(credentials));
        } catch (HttpResponseException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private String roleName(AuthorizationManager authorization, String roleDefinitionId) {
        return roleNames.computeIfAbsent(roleDefinitionId,
                id -> patiently(() -> authorization.roleDefinitions().getById(id).roleName()));
    }

    /**
     * A read retried through throttling and server errors: an answer given up on too early would read as a fact
     * that changed, and apply would refuse its plan as stale.
     */
    private static <T> T patiently(Supplier<T> read) {
        return AzureRetry.retrying(Duration.ofSeconds(1), AzureRetry::throttledOrServerError, AzureRetry.Listener.NONE,
                read);
    }
}
