package io.wimigrate.azure.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/** Microsoft Graph {@code /v1.0/servicePrincipals}: list with {@code $filter}, get by object id or appId. */
final class GraphServicePrincipalHandler {
    private final AzureState state;
    private final String graphBase;

    GraphServicePrincipalHandler(AzureState state, String graphBase) {
        this.state = state;
        this.graphBase = graphBase;
    }

    List<Route> routes() {
        return List.of(
                Route.of(Route.Area.GRAPH, "^/v1\\.0/servicePrincipals$", this::list),
                Route.of(Route.Area.GRAPH, "^/v1\\.0/servicePrincipals\\(appId='([^']+)'\\)$", this::byAppId),
                Route.of(Route.Area.GRAPH, "^/v1\\.0/servicePrincipals/([^/]+)$", this::byId));
    }

    private ApiResponse list(ApiRequest request, Matcher path) {
        GraphApplicationHandler.requireGet(request);
        ODataFilter filter = GraphApplicationHandler.filter(request, Set.of("appId", "id", "displayName"));
        List<ObjectNode> matching = state.servicePrincipals().stream()
                .filter(sp -> GraphApplicationHandler.matches(filter, "appId", sp.appId()))
                .filter(sp -> GraphApplicationHandler.matches(filter, "id", sp.id()))
                .filter(sp -> GraphApplicationHandler.matches(filter, "displayName", sp.displayName()))
                .map(this::toJson)
                .toList();
        ObjectNode body = Json.list(matching);
        body.put("@odata.context", graphBase + "/v1.0/$metadata#servicePrincipals");
        return ApiResponse.json(200, body);
    }

    private ApiResponse byAppId(ApiRequest request, Matcher path) {
        GraphApplicationHandler.requireGet(request);
        return state.servicePrincipals().stream().filter(sp -> sp.appId().equalsIgnoreCase(path.group(1)))
                .findFirst().map(sp -> ApiResponse.json(200, toJson(sp)))
                .orElseThrow(() -> GraphErrors.notFound(path.group(1)));
    }

    private ApiResponse byId(ApiRequest request, Matcher path) {
        GraphApplicationHandler.requireGet(request);
        return state.servicePrincipal(path.group(1)).map(sp -> ApiResponse.json(200, toJson(sp)))
                .orElseThrow(() -> GraphErrors.notFound(path.group(1)));
    }

    private ObjectNode toJson(ServicePrincipal principal) {
        ObjectNode node = Json.object();
        node.put("id", principal.id());
        node.put("appId", principal.appId());
        node.put("displayName", principal.displayName());
        node.put("accountEnabled", true);
        node.put("appOwnerOrganizationId", state.tenantId());
        node.put("servicePrincipalType", "Application");
        node.set("servicePrincipalNames", Json.array(List.of(principal.appId())));
        node.putArray("passwordCredentials");
        node.putArray("keyCredentials");
        return node;
    }
}
