package io.wimigrate.azure.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;

/**
 * Microsoft Graph {@code /v1.0/applications}: list with {@code $filter}, get, addPassword/removePassword (the secret
 * text is returned once, at creation, and never stored), and the application's federated identity credentials.
 */
final class GraphApplicationHandler {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AzureState state;
    private final String graphBase;

    GraphApplicationHandler(AzureState state, String graphBase) {
        this.state = state;
        this.graphBase = graphBase;
    }

    List<Route> routes() {
        return List.of(
                Route.of(Route.Area.GRAPH, "^/v1\\.0/applications$", this::list),
                Route.of(Route.Area.GRAPH, "^/v1\\.0/applications/([^/]+)$", this::byId),
                Route.of(Route.Area.GRAPH, "^/v1\\.0/applications/([^/]+)/addPassword$", this::addPassword),
                Route.of(Route.Area.GRAPH, "^/v1\\.0/applications/([^/]+)/removePassword$", this::removePassword),
                Route.of(Route.Area.GRAPH, "^/v1\\.0/applications/([^/]+)/federatedIdentityCredentials(?:/([^/]+))?$",
                        this::federatedCredentials));
    }

    private ApiResponse list(ApiRequest request, Matcher path) {
        requireGet(request);
        ODataFilter filter = filter(request, Set.of("appId", "id", "displayName"));
        List<ObjectNode> matching = state.applications().stream()
                .filter(a -> matches(filter, "appId", a.appId()))
                .filter(a -> matches(filter, "id", a.id()))
                .filter(a -> matches(filter, "displayName", a.displayName()))
                .map(GraphApplicationHandler::toJson)
                .toList();
        ObjectNode body = Json.list(matching);
        body.put("@odata.context", graphBase + "/v1.0/$metadata#applications");
        return ApiResponse.json(200, body);
    }

    private ApiResponse byId(ApiRequest request, Matcher path) {
        requireGet(request);
        return ApiResponse.json(200, toJson(require(path.group(1))));
    }

    private ApiResponse addPassword(ApiRequest request, Matcher path) {
        requirePost(request);
        Application application = require(path.group(1));
        String displayName = request.json().path("passwordCredential").path("displayName").asText(null);
        NewSecret secret = newPassword(displayName);
        state.updateApplication(application.id(), a -> withPassword(a, secret.credential()));
        ObjectNode body = passwordJson(secret.credential());
        body.put("secretText", secret.text());
        return ApiResponse.json(200, body);
    }

    private ApiResponse removePassword(ApiRequest request, Matcher path) {
        requirePost(request);
        Application application = require(path.group(1));
        String keyId = request.json().path("keyId").asText("");
        if (application.passwordCredentials().stream().noneMatch(p -> p.keyId().equalsIgnoreCase(keyId))) {
            throw GraphErrors.error(400, "Request_BadRequest", "No password credential found with keyId "
                    + keyId + ".");
        }
        state.updateApplication(application.id(), a -> new Application(a.id(), a.appId(), a.displayName(),
                a.passwordCredentials().stream().filter(p -> !p.keyId().equalsIgnoreCase(keyId)).toList(),
                a.createdAt()));
        return ApiResponse.empty(204);
    }

    private ApiResponse federatedCredentials(ApiRequest request, Matcher path) {
        Application application = require(path.group(1));
        String owner = AzureState.applicationOwner(application.id());
        String ficId = path.group(2);
        if (ficId == null) {
            return switch (request.method()) {
                case "GET" -> {
                    ObjectNode body = Json.list(state.ficsOf(owner).stream().map(GraphApplicationHandler::ficJson)
                            .toList());
                    body.put("@odata.context", graphBase + "/v1.0/$metadata#applications('" + application.id()
                            + "')/federatedIdentityCredentials");
                    yield ApiResponse.json(200, body);
                }
                case "POST" -> createFic(request, application, owner);
                default -> throw methodNotAllowed();
            };
        }
        FederatedCredential existing = state.fic(owner, ficId).orElseThrow(() -> GraphErrors.notFound(ficId));
        return switch (request.method()) {
            case "GET" -> ApiResponse.json(200, ficJson(existing));
            case "PATCH" -> {
                JsonNode body = request.json();
                FederatedCredential changed = new FederatedCredential(existing.id(), existing.name(),
                        body.path("issuer").asText(existing.issuer()), body.path("subject").asText(existing.subject()),
                        body.has("audiences") ? audiences(body) : existing.audiences(),
                        body.path("description").asText(existing.description()), Instant.now());
                write(owner, changed);
                yield ApiResponse.empty(204);
            }
            case "DELETE" -> {
                state.deleteFic(owner, existing.id());
                yield ApiResponse.empty(204);
            }
            default -> throw methodNotAllowed();
        };
    }

    private ApiResponse createFic(ApiRequest request, Application application, String owner) {
        JsonNode body = request.json();
        String name = body.path("name").asText("");
        if (state.fic(owner, name).isPresent()) {
            throw GraphErrors.error(409, "Request_MultipleObjectsWithSameKeyValue",
                    "FederatedIdentityCredential with name " + name + " already exists.");
        }
        FederatedCredential created = new FederatedCredential(UUID.randomUUID().toString(), name,
                body.path("issuer").asText(""), body.path("subject").asText(""), audiences(body),
                body.path("description").asText(null), Instant.now());
        write(owner, created);
        ObjectNode response = ficJson(created);
        response.put("@odata.context", graphBase + "/v1.0/$metadata#applications('" + application.id()
                + "')/federatedIdentityCredentials/$entity");
        return ApiResponse.json(201, response);
    }

    private void write(String owner, FederatedCredential credential) {
        try {
            state.writeFic(owner, credential, "application");
        } catch (FicRuleViolation e) {
            throw GraphErrors.badRequest(e.getMessage());
        }
    }

    private Application require(String objectId) {
        return state.application(objectId).orElseThrow(() -> GraphErrors.notFound(objectId));
    }

    /** A new client secret: the text goes to the caller once; only its digest is kept. */
    static NewSecret newPassword(String displayName) {
        byte[] bytes = new byte[30];
        RANDOM.nextBytes(bytes);
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new NewSecret(new PasswordCredential(UUID.randomUUID().toString(), displayName, text.substring(0, 3),
                sha256(text), start, start.plus(730, ChronoUnit.DAYS)), text);
    }

    record NewSecret(PasswordCredential credential, String text) {
        @Override
        public String toString() {
            return "NewSecret[" + credential + "]";
        }
    }

    static Application withPassword(Application application, PasswordCredential credential) {
        List<PasswordCredential> passwords = new ArrayList<>(application.passwordCredentials());
        passwords.add(credential);
        return new Application(application.id(), application.appId(), application.displayName(), passwords,
                application.createdAt());
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode toJson(Application application) {
        ObjectNode node = Json.object();
        node.put("id", application.id());
        node.put("appId", application.appId());
        node.put("displayName", application.displayName());
        node.put("signInAudience", "AzureADMyOrg");
        node.put("createdDateTime", application.createdAt().truncatedTo(ChronoUnit.SECONDS).toString());
        node.putArray("passwordCredentials").addAll(application.passwordCredentials().stream()
                .map(GraphApplicationHandler::passwordJson).toList());
        node.putArray("keyCredentials");
        return node;
    }

    private static ObjectNode passwordJson(PasswordCredential credential) {
        ObjectNode node = Json.object();
        node.putNull("customKeyIdentifier");
        node.put("displayName", credential.displayName());
        node.put("endDateTime", credential.endDateTime().toString());
        node.put("hint", credential.hint());
        node.put("keyId", credential.keyId());
        node.putNull("secretText");
        node.put("startDateTime", credential.startDateTime().toString());
        return node;
    }

    private static ObjectNode ficJson(FederatedCredential credential) {
        ObjectNode node = Json.object();
        node.put("id", credential.id());
        node.put("name", credential.name());
        node.put("issuer", credential.issuer());
        node.put("subject", credential.subject());
        node.put("description", credential.description());
        node.set("audiences", Json.array(credential.audiences()));
        return node;
    }

    private static List<String> audiences(JsonNode body) {
        List<String> audiences = new ArrayList<>();
        body.path("audiences").forEach(a -> audiences.add(a.asText()));
        return audiences;
    }

    static ODataFilter filter(ApiRequest request, Set<String> fields) {
        String raw = request.query().get("$filter");
        return ODataFilter.parse(raw).filter(f -> f.onlyUses(fields, Set.of()))
                .orElseThrow(() -> GraphErrors.error(400, "Request_UnsupportedQuery",
                        "Unsupported or invalid query filter clause specified for property of resource."));
    }

    static boolean matches(ODataFilter filter, String field, String value) {
        String wanted = filter.equalities().get(field);
        return wanted == null || wanted.equalsIgnoreCase(value);
    }

    static void requireGet(ApiRequest request) {
        if (!request.method().equals("GET")) {
            throw methodNotAllowed();
        }
    }

    private static void requirePost(ApiRequest request) {
        if (!request.method().equals("POST")) {
            throw methodNotAllowed();
        }
    }

    private static ApiException methodNotAllowed() {
        return GraphErrors.error(405, "Request_BadRequest", "Specified HTTP method is not allowed for the request "
                + "target.");
    }
}
