package io.wimigrate.executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.wimigrate.planner.model.PlanHeader.ClusterHeader;
import io.wimigrate.scanner.ClusterAccessException;
import io.wimigrate.scanner.cluster.Forbidden;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Who the live cluster is: its kube-system namespace uid and its service-account (OIDC) issuer. */
public record ClusterIdentity(String kubeSystemUid, String oidcIssuer) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ClusterIdentity read(KubernetesClient client) {
        try {
            Namespace kubeSystem = client.namespaces().withName("kube-system").get();
            String issuer = null;
            String discovery = client.raw("/.well-known/openid-configuration");
            if (discovery != null) {
                JsonNode document = JSON.readTree(discovery);
                issuer = document.path("issuer").isTextual() ? document.get("issuer").asText() : null;
            }
            return new ClusterIdentity(kubeSystem == null ? null : kubeSystem.getMetadata().getUid(), issuer);
        } catch (KubernetesClientException e) {
            throw new ClusterAccessException("cannot read the cluster's identity (kube-system namespace, OIDC"
                    + " discovery document): " + Forbidden.orHttpStatus(e), e);
        } catch (IOException e) {
            throw new ClusterAccessException("the cluster's OIDC discovery document is not JSON", e);
        }
    }

    /** Refuses a plan made for another cluster, naming both identities. */
    public void requireSameAs(ClusterHeader planned) {
        List<String> differences = new ArrayList<>();
        if (planned.kubeSystemUid() == null) {
            differences.add(planned.name() + ": the plan does not record the cluster's kube-system uid (planned from"
                    + " a dump?); plan again against the live cluster");
        } else if (!planned.kubeSystemUid().equals(kubeSystemUid)) {
            differences.add(planned.name() + ": kube-system uid " + planned.kubeSystemUid() + " in the plan, "
                    + kubeSystemUid + " in this cluster");
        }
        if (planned.oidcIssuer() != null && !Objects.equals(planned.oidcIssuer(), oidcIssuer)) {
            differences.add(planned.name() + ": OIDC issuer " + planned.oidcIssuer() + " in the plan, "
                    + oidcIssuer + " in this cluster");
        }
        if (!differences.isEmpty()) {
            throw new PlanRefusedException("the plan was made for another cluster", differences);
        }
    }
}
