package io.wimigrate.rewriter;

import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.planner.model.AnnotateServiceAccount;
import io.wimigrate.planner.model.CreateFederatedCredential;
import io.wimigrate.planner.model.LabelPodTemplate;
import io.wimigrate.planner.model.Phase;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.RemoveSecretReference;
import io.wimigrate.planner.model.Step;
import io.wimigrate.planner.model.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan's view of a workload with two identities reaches the Java credential code. */
class PlanRewriteTest {

    private static final String PRIMARY = "93e5f6a7-7e28-4cd0-8f16-8ada6063bc2f";
    private static final String APP = "6d873c56-29b7-43a2-8b40-eadf8455672f";

    @TempDir
    Path repo;

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: payments-api
              namespace: payments
            spec:
              template:
                metadata:
                  labels:
                    app: payments-api
                spec:
                  serviceAccountName: payments-api
                  containers:
                    - name: payments-api
                      image: contoso.azurecr.io/payments-api:2.14.3
                      env:
                        - name: AZURE_CLIENT_ID
                          value: "6d873c56-29b7-43a2-8b40-eadf8455672f"
                        - name: AZURE_CLIENT_SECRET
                          valueFrom:
                            secretKeyRef: {name: payments-storage-sp, key: clientSecret}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: payments-api
              namespace: payments
            """;

    private static final String CODE = """
            import com.azure.identity.ClientSecretCredentialBuilder;
            import com.azure.core.credential.TokenCredential;

            class Storage {
                TokenCredential credential() {
                    return new ClientSecretCredentialBuilder().clientId(System.getenv("AZURE_CLIENT_ID"))
                            .tenantId(System.getenv("AZURE_TENANT_ID")).clientSecret(System.getenv("AZURE_CLIENT_SECRET"))
                            .build();
                }
            }
            """;

    private static Plan plan(String federatedApp) {
        Target deployment = Target.kube("aks", "apps/v1", "Deployment", "payments", "payments-api");
        Target account = Target.kube("aks", "v1", "ServiceAccount", "payments", "payments-api");
        TreeMap<String, String> annotations = new TreeMap<>();
        annotations.put(AnnotateServiceAccount.CLIENT_ID, PRIMARY);
        TreeMap<String, String> labels = new TreeMap<>();
        labels.put(LabelPodTemplate.USE_LABEL, "true");
        List<Step> steps = List.of(
                new CreateFederatedCredential(Target.application("tenant", federatedApp),
                        new CreateFederatedCredential.Desired("aks-payments-payments-api", "https://issuer",
                                "system:serviceaccount:payments:payments-api", "api://AzureADTokenExchange"), "app-fic"),
                new AnnotateServiceAccount(account, new AnnotateServiceAccount.Desired(annotations), false, "primary"),
                new LabelPodTemplate(deployment, new LabelPodTemplate.Desired("spec.template.metadata", labels), false,
                        "label"),
                new RemoveSecretReference(deployment, new RemoveSecretReference.Desired("payments-api", "env",
                        "AZURE_CLIENT_SECRET", "payments-storage-sp", "absent"), false, "secret"));
        return new Plan(Plan.API_VERSION, Plan.KIND, null, List.of(), List.of(new Phase(3, "kubernetes", "", steps)));
    }

    @Test
    void aServicePrincipalKeptThroughItsAppRegistrationIsNamedInTheCode() throws Exception {
        Files.writeString(repo.resolve("deployment.yaml"), DEPLOYMENT);
        Files.writeString(repo.resolve("Storage.java"), CODE);

        RewriteResult result = new RepoRewriter().rewrite(repo, plan(APP), "plan.yaml");
        result.writeTo(repo);

        assertThat(Files.readString(repo.resolve("Storage.java")))
                .contains("return new DefaultAzureCredentialBuilder().workloadIdentityClientId(\"" + APP + "\").build();");
        assertThat(Files.readString(repo.resolve("deployment.yaml")))
                .contains("        azure.workload.identity/use: \"true\"\n")
                .contains("    azure.workload.identity/client-id: " + PRIMARY + "\n")
                .doesNotContain("AZURE_CLIENT_SECRET").doesNotContain("AZURE_CLIENT_ID");
        assertThat(new RepoRewriter().rewrite(repo, plan(APP), "plan.yaml").files()).isEmpty();
    }

    @Test
    void theServiceAccountsOwnIdentityNeedsNoClientIdInTheCode() throws Exception {
        Files.writeString(repo.resolve("deployment.yaml"), DEPLOYMENT);
        Files.writeString(repo.resolve("Storage.java"), CODE);

        new RepoRewriter().rewrite(repo, plan(PRIMARY), "plan.yaml").writeTo(repo);

        assertThat(Files.readString(repo.resolve("Storage.java")))
                .contains("return new DefaultAzureCredentialBuilder().build();");
    }
}
