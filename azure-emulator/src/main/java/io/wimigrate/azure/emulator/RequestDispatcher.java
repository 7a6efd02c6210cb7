package io.wimigrate.azure.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;

/**
 * Front door of the emulator: routes a request to its handler and, for ARM and Graph, first applies the injected
 * faults and checks the bearer token the way those services do. Records every request in the log.
 */
final class RequestDispatcher implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(RequestDispatcher.class.getName());

    private final List<Route> routes;
    private final FaultKnobs faults;
    private final RequestLog log;
    private final AccessTokens tokens;
    private final Set<String> armAudiences;
    private final Set<String> graphAudiences;

    RequestDispatcher(List<Route> routes, FaultKnobs faults, RequestLog log, AccessTokens tokens,
                      Set<String> armAudiences, Set<String> graphAudiences) {
        this.routes = List.copyOf(routes);
        this.faults = faults;
        this.log = log;
        this.tokens = tokens;
        this.armAudiences = Set.copyOf(armAudiences);
        this.graphAudiences = Set.copyOf(graphAudiences);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Instant start = Instant.now();
        String path = rawPath(exchange.getRequestURI()).replaceAll("/{2,}", "/");
        String rawQuery = exchange.getRequestURI().getRawQuery();
        int status = 500;
        try {
            ApiRequest request = new ApiRequest(exchange.getRequestMethod(), decodePath(path),
                    ApiRequest.decodeForm(rawQuery), exchange.getRequestHeaders(),
                    exchange.getRequestBody().readAllBytes());
            ApiResponse response = respond(request);
            status = response.status();
            write(exchange, response);
        } finally {
            exchange.close();
            log.add(new RequestRecord(exchange.getRequestMethod(), path, rawQuery, start, Instant.now(), status));
        }
    }

    private ApiResponse respond(ApiRequest request) {
        for (Route route : routes) {
            Matcher matcher = route.pattern().matcher(request.path());
            if (matcher.matches()) {
                try {
                    admit(route.area(), request);
                    return route.handler().handle(request, matcher);
                } catch (ApiException e) {
                    return e.response();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "emulator handler failed on " + request.method() + " "
                            + request.path(), e);
                    return internalError(route.area());
                }
            }
        }
        return notFound(request.path());
    }

    /** What ARM and Graph do before a request reaches the resource provider. */
    private void admit(Route.Area area, ApiRequest request) {
        if (area == Route.Area.ENTRA) {
            return;
        }
        Delays.sleep(faults.latency());
        authenticate(area, request);
        if (area == Route.Area.ARM && request.queryParam("api-version").isEmpty()) {
            throw ArmErrors.error(400, "MissingApiVersionParameter",
                    "The api-version query parameter (?api-version=) is required for all requests.");
        }
        Optional<FaultKnobs.Fault> fault = faults.nextFault();
        if (fault.isPresent()) {
            throw switch (fault.get()) {
                case THROTTLE -> throttled(area);
                case SERVER_ERROR -> serverError(area);
            };
        }
    }

    private void authenticate(Route.Area area, ApiRequest request) {
        Optional<String> header = request.header("Authorization");
        Set<String> audiences = area == Route.Area.ARM ? armAudiences : graphAudiences;
        Optional<JWTClaimsSet> claims = header.filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .flatMap(h -> tokens.verify(h.substring(7).trim(), audiences));
        if (claims.isPresent()) {
            return;
        }
        if (area == Route.Area.GRAPH) {
            throw GraphErrors.error(401, "InvalidAuthenticationToken",
                    header.isEmpty() ? "Access token is empty." : "Access token validation failure. Invalid audience.");
        }
        String challenge = "Bearer authorization_uri=\"" + tokens.issuer() + "\", error=\"invalid_token\", "
                + "error_description=\"The access token is missing or invalid.\"";
        throw header.isEmpty()
                ? ArmErrors.error(401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is "
                + "missing.", Map.of("WWW-Authenticate", challenge))
                : ArmErrors.error(401, "InvalidAuthenticationToken", "The access token is invalid.",
                Map.of("WWW-Authenticate", challenge));
    }

    private ApiException throttled(Route.Area area) {
        Map<String, String> headers = Map.of("Retry-After", Integer.toString(faults.retryAfterSeconds()));
        if (area == Route.Area.GRAPH) {
            ApiException base = GraphErrors.error(429, "TooManyRequests", "Too many requests.");
            return new ApiException(withHeaders(base.response(), headers), "TooManyRequests");
        }
        return ArmErrors.error(429, "TooManyRequests", "The request is being throttled as the limit has been "
                + "reached for operation type - Write_ObservationWindow_00:01:00.", headers);
    }

    private static ApiException serverError(Route.Area area) {
        return new ApiException(internalError(area), "InternalServerError");
    }

    private static ApiResponse internalError(Route.Area area) {
        return switch (area) {
            case GRAPH -> GraphErrors.error(500, "generalException", "An internal server error occurred.").response();
            case ARM -> ArmErrors.error(500, "InternalServerError",
                    "Encountered internal server error. Please try again later.").response();
            case ENTRA -> {
                ObjectNode body = Json.object();
                body.put("error", "temporarily_unavailable");
                body.put("error_description", "AADSTS90100: An internal error occurred.");
                yield ApiResponse.json(500, body);
            }
        };
    }

    private static ApiResponse notFound(String path) {
        if (path.startsWith("/v1.0/")) {
            return GraphErrors.error(400, "BadRequest", "Resource not found for the segment '"
                    + path.substring(path.lastIndexOf('/') + 1) + "'.").response();
        }
        return ArmErrors.error(404, "NotFound", "No HTTP resource was found that matches the request URI '"
                + path + "'.").response();
    }

    private static ApiResponse withHeaders(ApiResponse response, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        headers.putAll(extra);
        return new ApiResponse(response.status(), headers, response.body());
    }

    /**
     * A scope passed with its leading slash makes the SDK send {@code //subscriptions/...}, which URI parsing reads
     * as an authority; ARM treats it as a path, so put it back.
     */
    private static String rawPath(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getRawAuthority() == null ? path : "/" + uri.getRawAuthority() + path;
    }

    private static String decodePath(String rawPath) {
        return URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static void write(HttpExchange exchange, ApiResponse response) throws IOException {
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.getResponseHeaders().set("x-ms-request-id", UUID.randomUUID().toString());
        boolean noBody = response.body().length == 0;
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

}
