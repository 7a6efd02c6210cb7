package io.wimigrate.planner.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.policy.HttpPipelineSyncPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.resourcemanager.resources.fluentcore.utils.ResourceManagerUtils;

/**
 * Authorizes each request with the session's token for the resource it goes to (ARM or Microsoft Graph, as the SDK's
 * own policy picks it), from {@link SharedTokenCredential}. It stands in for the SDK's bearer-token policy, whose token
 * cache answers a request that arrives while another is in it with "try again in 500 ms": with tens of requests at
 * once, a quarter of them waited that long or twice that before they were even sent. Tokens go over HTTPS only.
 */
final class SessionTokenPolicy extends HttpPipelineSyncPolicy {

    private final TokenCredential credential;
    private final AzureEnvironment environment;

    SessionTokenPolicy(TokenCredential credential, AzureEnvironment environment) {
        this.credential = credential;
        this.environment = environment;
    }

    @Override
    protected void beforeSendingRequest(HttpPipelineCallContext context) {
        HttpRequest request = context.getHttpRequest();
        if (!"https".equals(request.getUrl().getProtocol())) {
            throw new IllegalStateException("refusing to send an Azure token to " + request.getUrl().getHost()
                    + " over " + request.getUrl().getProtocol() + ": Azure endpoints must use HTTPS");
        }
        request.setHeader(HttpHeaderName.AUTHORIZATION, "Bearer " + credential.getTokenSync(
                tokenFor(request, environment)).getToken());
    }

    /** The token a request needs: for its resource's default scope. */
    static TokenRequestContext tokenFor(HttpRequest request, AzureEnvironment environment) {
        return new TokenRequestContext().addScopes(ResourceManagerUtils.getDefaultScopeFromRequest(request,
                environment));
    }
}
