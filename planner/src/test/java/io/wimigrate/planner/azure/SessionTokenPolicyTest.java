package io.wimigrate.planner.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.util.Context;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class SessionTokenPolicyTest {

    /** Answers every token request with a token named after its scope, and counts the requests per scope. */
    private static final class ScopeTokens implements TokenCredential {
        final Map<String, Integer> requests = new ConcurrentHashMap<>();

        @Override
        public Mono<AccessToken> getToken(TokenRequestContext request) {
            return Mono.fromCallable(() -> getTokenSync(request));
        }

        @Override
        public AccessToken getTokenSync(TokenRequestContext request) {
            String scope = String.join(" ", request.getScopes());
            requests.merge(scope, 1, Integer::sum);
            return new AccessToken("token-for-" + scope, OffsetDateTime.now().plusHours(1));
        }
    }

    /** Records each request's Authorization header by URL, then fails the send: no server is needed. */
    private static final class Recorder implements HttpClient {
        final Map<String, String> authorization = new ConcurrentHashMap<>();

        @Override
        public Mono<com.azure.core.http.HttpResponse> send(HttpRequest request) {
            authorization.put(request.getUrl().toString(), request.getHeaders().getValue(HttpHeaderName.AUTHORIZATION));
            return Mono.error(new IllegalStateException("recorded"));
        }
    }

    @Test
    void eachRequestCarriesTheSessionTokenForItsResourceAndAllShareOneTokenPerScope() {
        ScopeTokens tokens = new ScopeTokens();
        Recorder recorder = new Recorder();
        HttpPipeline pipeline = new HttpPipelineBuilder().httpClient(recorder).policies(new SessionTokenPolicy(
                SharedTokenCredential.of(tokens), AzureEnvironment.AZURE)).build();

        List<String> urls = IntStream.range(0, 40).mapToObj(i -> i % 2 == 0
                ? "https://management.azure.com/subscriptions/s/resourceGroups/rg-" + i
                : "https://graph.microsoft.com/v1.0/servicePrincipals/" + i).toList();
        urls.parallelStream().forEach(url -> assertThatThrownBy(() -> pipeline.sendSync(new HttpRequest(
                HttpMethod.GET, url), Context.NONE)).hasMessageContaining("recorded"));

        String arm = AzureEnvironment.AZURE.getManagementEndpoint() + "/.default";
        String graph = AzureEnvironment.AZURE.getMicrosoftGraphEndpoint().replaceAll("/$", "") + "/.default";
        urls.forEach(url -> assertThat(recorder.authorization.get(url)).as(url)
                .isEqualTo("Bearer token-for-" + (url.contains("graph.microsoft.com") ? graph : arm)));
        assertThat(tokens.requests).containsOnly(Map.entry(arm, 1), Map.entry(graph, 1));
    }

    @Test
    void aTokenIsNeverSentOverPlainHttp() {
        ScopeTokens tokens = new ScopeTokens();
        Recorder recorder = new Recorder();
        HttpPipeline pipeline = new HttpPipelineBuilder().httpClient(recorder).policies(new SessionTokenPolicy(
                tokens, AzureEnvironment.AZURE)).build();

        assertThatThrownBy(() -> pipeline.sendSync(new HttpRequest(HttpMethod.GET,
                "http://management.azure.com/subscriptions/s"), Context.NONE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("HTTPS");
        assertThat(recorder.authorization).isEmpty();
        assertThat(tokens.requests).isEmpty();
    }

    @Test
    void theManagementClientsUseItInsteadOfTheSdksTokenCachingPolicy() {
        AzureConnection connection = new AzureConnection(AzureEnvironment.AZURE, "tenant", List.of("s"),
                new ScopeTokens(), new Recorder());
        for (HttpPipeline pipeline : List.of(connection.msi("s").serviceClient().getHttpPipeline(),
                connection.authorization("s").serviceClient().getHttpPipeline())) {
            List<String> policies = IntStream.range(0, pipeline.getPolicyCount())
                    .mapToObj(i -> pipeline.getPolicy(i)).filter(policy -> policy instanceof SessionTokenPolicy
                            || policy instanceof BearerTokenAuthenticationPolicy)
                    .map(policy -> policy.getClass().getSimpleName()).toList();
            assertThat(policies).containsExactly(SessionTokenPolicy.class.getSimpleName());
        }
    }
}
