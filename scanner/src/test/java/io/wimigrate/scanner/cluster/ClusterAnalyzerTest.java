package io.wimigrate.scanner.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.wimigrate.scanner.Progress;
import io.wimigrate.scanner.model.BoundIdentity;
import io.wimigrate.scanner.model.ClusterInventory;
import io.wimigrate.scanner.model.Finding;
import io.wimigrate.scanner.model.IdentityType;
import io.wimigrate.scanner.model.Location;
import io.wimigrate.scanner.model.ObjectRef;
import io.wimigrate.scanner.model.PodIdentityInstall;
import io.wimigrate.scanner.model.Rule;
import io.wimigrate.scanner.model.ScanOutcome;
import io.wimigrate.scanner.model.SecretUse;
import io.wimigrate.scanner.model.ServiceAccountInfo;
import io.wimigrate.scanner.model.SpSecret;
import io.wimigrate.scanner.model.Workload;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterAnalyzerTest {

    static ScanOutcome<ClusterInventory> scan(String fixture, boolean readSecrets) {
        return new ClusterScanner().scanDump(fixture(fixture), fixture, readSecrets, Progress.NONE);
    }

    static ScanOutcome<ClusterInventory> scan(String fixture) {
        return scan(fixture, false);
    }

    static Path fixture(String name) {
        try {
            return Path.of(ClusterAnalyzerTest.class.getResource("/cluster/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Workload workload(ScanOutcome<ClusterInventory> outcome, String kind, String name) {
        return outcome.value().workloads().stream()
                .filter(w -> w.ref().kind().equals(kind) && w.ref().name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no workload " + kind + "/" + name + " in "
                        + outcome.value().workloads().stream().map(w -> w.ref().display()).toList()));
    }

    static List<String> identityNames(Workload workload) {
        return workload.identities().stream().map(BoundIdentity::identity)
                .map(r -> r == null ? null : r.name()).toList();
    }

    static List<Finding> findings(ScanOutcome<ClusterInventory> outcome, Rule rule) {
        return outcome.findings().stream().filter(f -> f.rule().equals(rule.id())).toList();
    }

    static String objectOf(Finding finding) {
        return ((Location.InCluster) finding.location()).object().display();
    }

    @Test
    void defaultModeBindsPodsInEveryNamespaceToTheTopLevelOwner() {
        ScanOutcome<ClusterInventory> outcome = scan("default-mode");

        assertThat(outcome.value().workloads()).extracting(w -> w.ref().display()).containsExactly(
                "CronJob/payments/report", "Deployment/identity/local", "Deployment/payments/api",
                "Deployment/payments/web", "Pod/payments/debug", "StatefulSet/payments/db");
        Workload web = workload(outcome, "Deployment", "web");
        assertThat(identityNames(web)).containsExactly("id-a");
        assertThat(web.pods()).extracting(ObjectRef::name).containsExactly("web-5d8f-x1");
        assertThat(web.serviceAccount()).isEqualTo("web-sa");
        assertThat(web.containers()).containsExactly("app");

        Workload report = workload(outcome, "CronJob", "report");
        assertThat(identityNames(report)).containsExactly("id-a");
        assertThat(report.pods()).extracting(ObjectRef::name).containsExactly("report-2901-abcde");
        assertThat(report.serviceAccount()).isEqualTo("default");

        Workload debug = workload(outcome, "Pod", "debug");
        assertThat(debug.serviceAccount()).isEqualTo("legacy-sa");
        assertThat(debug.hostNetwork()).isTrue();
        assertThat(debug.pods()).extracting(ObjectRef::name).containsExactly("debug");

        Workload db = workload(outcome, "StatefulSet", "db");
        assertThat(identityNames(db)).containsExactly("id-a");
        assertThat(db.pods()).isEmpty();
    }

    @Test
    void namespacedIdentityOnlyBindsPodsOfItsOwnNamespace() {
        ScanOutcome<ClusterInventory> outcome = scan("default-mode");

        assertThat(identityNames(workload(outcome, "Deployment", "local"))).containsExactly("id-ns");
        Workload api = workload(outcome, "Deployment", "api");
        assertThat(api.podIdentityLabel()).isEqualTo("sel-ns");
        assertThat(api.identities()).isEmpty();
        assertThat(findings(outcome, Rule.POD_IDENTITY_BOUND_WORKLOAD)).extracting(ClusterAnalyzerTest::objectOf)
                .doesNotContain("Deployment/payments/api");
    }

    @Test
    void forceNamespacedMicKeepsBindingsInsideTheirNamespace() {
        ScanOutcome<ClusterInventory> outcome = scan("force-namespaced");

        assertThat(workload(outcome, "Deployment", "web").identities()).isEmpty();
        assertThat(identityNames(workload(outcome, "Deployment", "local"))).containsExactly("id-a");
        assertThat(findings(outcome, Rule.POD_IDENTITY_INSTALL)).singleElement()
                .satisfies(f -> assertThat(f.evidence()).containsEntry("forceNamespaced", "true"));
    }

    @Test
    void bindingsToMissingIdentitiesOrWithoutWorkloadsAreDangling() {
        ScanOutcome<ClusterInventory> outcome = scan("default-mode");

        assertThat(findings(outcome, Rule.POD_IDENTITY_DANGLING_BINDING)).extracting(ClusterAnalyzerTest::objectOf)
                .containsExactly("AzureIdentityBinding/identity/bind-missing");
        assertThat(findings(outcome, Rule.POD_IDENTITY_BINDING)).extracting(ClusterAnalyzerTest::objectOf)
                .containsExactly("AzureIdentityBinding/identity/bind-a", "AzureIdentityBinding/identity/bind-ns");
    }

    @Test
    void legacyCapitalisedFieldsAreRead() {
        ScanOutcome<ClusterInventory> outcome = scan("legacy");
        ClusterInventory inventory = outcome.value();

        assertThat(inventory.azureIdentities()).singleElement().satisfies(identity -> {
            assertThat(identity.type()).isEqualTo(IdentityType.SERVICE_PRINCIPAL);
            assertThat(identity.clientId()).isEqualTo("22222222-2222-2222-2222-222222222222");
            assertThat(identity.tenantId()).isEqualTo("11111111-1111-1111-1111-111111111111");
            assertThat(identity.clientPassword().name()).isEqualTo("old-sp-secret");
        });
        assertThat(inventory.bindings()).singleElement().satisfies(binding -> {
            assertThat(binding.azureIdentity()).isEqualTo("old-sp");
            assertThat(binding.selector()).isEqualTo("old-app");
            assertThat(binding.weight()).isEqualTo(2);
        });
        assertThat(identityNames(workload(outcome, "Pod", "old-app-7f"))).containsExactly("old-sp");
        assertThat(inventory.exceptions()).singleElement().satisfies(exception -> {
            assertThat(exception.podLabels()).containsEntry("app", "prober").containsEntry("tier", "infra");
            assertThat(exception.workloads()).extracting(ObjectRef::display)
                    .containsExactly("DaemonSet/legacy/prober");
        });
        assertThat(inventory.assignedIdentities()).singleElement().satisfies(assigned -> {
            assertThat(assigned.pod().display()).isEqualTo("Pod/legacy/old-app-7f");
            assertThat(assigned.identity()).isEqualTo("legacy/old-sp");
            assertThat(assigned.state()).isEqualTo("Assigned");
        });
        assertThat(inventory.spSecrets()).singleElement().satisfies(secret -> {
            assertThat(secret.ref().display()).isEqualTo("Secret/legacy/old-sp-secret");
            assertThat(secret.keys()).containsExactly("clientSecret");
            assertThat(secret.referencedBy()).extracting(ObjectRef::name).containsExactly("old-sp");
            assertThat(secret.exists()).isNull();
        });
    }

    @Test
    void sharedServiceAccountAndSeveralBindingsOnOneSelector() {
        ScanOutcome<ClusterInventory> outcome = scan("shared-sa");

        assertThat(identityNames(workload(outcome, "Deployment", "cart"))).containsExactly("id-1", "id-3");
        assertThat(identityNames(workload(outcome, "Deployment", "checkout"))).containsExactly("id-2");
        assertThat(outcome.value().serviceAccounts()).singleElement().satisfies(account -> {
            assertThat(account.ref().display()).isEqualTo("ServiceAccount/shop/shared");
            assertThat(account.exists()).isTrue();
            assertThat(account.usedBy()).extracting(ObjectRef::name).containsExactly("cart", "checkout");
        });
    }

    @Test
    void defaultServiceAccountIsRecordedEvenWhenAbsentFromTheDump() {
        ServiceAccountInfo account = scan("default-mode").value().serviceAccounts().stream()
                .filter(a -> a.ref().display().equals("ServiceAccount/payments/default")).findFirst().orElseThrow();

        assertThat(account.exists()).isFalse();
        assertThat(account.usedBy()).extracting(ObjectRef::display)
                .containsExactly("CronJob/payments/report", "Deployment/payments/api", "StatefulSet/payments/db");
    }

    @Test
    void spSecretsAreFoundThroughEnvCertificateVolumeAndEnvFrom() {
        ScanOutcome<ClusterInventory> outcome = scan("sp-secrets");

        assertThat(workload(outcome, "Deployment", "env-ref").secretUses()).containsExactly(new SecretUse(
                ObjectRef.of("v1", "Secret", "apps", "sp-creds"), "app", "env", "AZURE_CLIENT_SECRET",
                "client-secret"));
        assertThat(workload(outcome, "Deployment", "cert-user").secretUses()).containsExactly(new SecretUse(
                ObjectRef.of("v1", "Secret", "apps", "sp-cert"), "app", "volume", "/var/azure/certs", "tls.pem"));
        // sp-creds is known from env-ref; the other two envFrom Secrets are unknown without Secret reading.
        assertThat(workload(outcome, "Deployment", "env-from").secretUses())
                .extracting(SecretUse::container, SecretUse::via, u -> u.secret().name())
                .containsExactly(tuple("init", "envFrom", "sp-creds"));
        assertThat(outcome.value().spSecrets()).extracting(s -> s.ref().name(), SpSecret::keys, SpSecret::exists)
                .containsExactly(tuple("identity-secret", List.of("clientSecret"), null),
                        tuple("sp-cert", List.of("tls.pem"), null),
                        tuple("sp-creds", List.of("client-secret"), null));
        assertThat(outcome.value().spSecrets().get(2).consumers()).extracting(ObjectRef::name)
                .containsExactly("env-from", "env-ref");
        assertThat(findings(outcome, Rule.SP_SECRET_CONSUMER)).extracting(ClusterAnalyzerTest::objectOf)
                .containsExactly("Deployment/apps/cert-user", "Deployment/apps/env-from", "Deployment/apps/env-ref");
    }

    @Test
    void literalClientSecretIsReportedByLengthOnly() {
        ScanOutcome<ClusterInventory> outcome = scan("sp-secrets");

        assertThat(findings(outcome, Rule.SP_SECRET_LITERAL)).singleElement().satisfies(f -> {
            assertThat(objectOf(f)).isEqualTo("Deployment/apps/literal");
            assertThat(f.evidence()).containsEntry("length", "27").containsEntry("env", "AZURE_CLIENT_SECRET");
        });
        assertThat(outcome.toString()).doesNotContain("LiteralValue-Do-Not-Leak-42");
    }

    @Test
    void optInSecretReadingRecognisesEnvFromSecretsByKeyNames() {
        ScanOutcome<ClusterInventory> outcome = scan("sp-secrets", true);

        assertThat(workload(outcome, "Deployment", "env-from").secretUses())
                .extracting(SecretUse::container, u -> u.secret().name())
                .containsExactly(tuple("app", "bulk-creds"), tuple("init", "sp-creds"));
        assertThat(outcome.value().spSecrets()).extracting(s -> s.ref().name(), SpSecret::exists)
                .containsExactly(tuple("bulk-creds", true), tuple("identity-secret", false),
                        tuple("sp-cert", false), tuple("sp-creds", true));
        assertThat(findings(outcome, Rule.SP_SECRET)).filteredOn(f -> objectOf(f).equals("Secret/apps/sp-creds"))
                .singleElement().satisfies(f -> assertThat(f.evidence()).containsEntry("keyLengths", "client-secret=20"));
        assertThat(outcome.toString()).doesNotContain("SecretValueDoNotLeak", "U2VjcmV0VmFsdWVEb05vdExlYWs",
                "StringDataValueDoNotLeak");
    }

    @Test
    void helmInstallWithEveryObjectOfTheRelease() {
        PodIdentityInstall install = scan("install-helm").value().podIdentity();

        assertThat(install.mode()).isEqualTo(PodIdentityInstall.Mode.HELM);
        assertThat(install.release()).isEqualTo("aad-pod-identity");
        assertThat(install.namespace()).isEqualTo("pod-identity");
        assertThat(install.objects()).extracting(ObjectRef::display).containsExactly(
                "ClusterRole/aad-pod-identity-mic", "ClusterRole/aad-pod-identity-view",
                "ClusterRoleBinding/aad-pod-identity-mic",
                "CustomResourceDefinition/azureidentities.aadpodidentity.k8s.io",
                "DaemonSet/pod-identity/aad-pod-identity-nmi", "Deployment/pod-identity/aad-pod-identity-mic",
                "Secret/pod-identity/aad-pod-identity-mic",
                "ServiceAccount/pod-identity/aad-pod-identity-mic", "ServiceAccount/pod-identity/aad-pod-identity-nmi");
    }

    @Test
    void rawManifestInstall() {
        PodIdentityInstall install = scan("install-raw").value().podIdentity();

        assertThat(install.mode()).isEqualTo(PodIdentityInstall.Mode.RAW_MANIFESTS);
        assertThat(install.namespace()).isEqualTo("default");
        assertThat(install.release()).isNull();
        assertThat(install.objects()).extracting(ObjectRef::display).containsExactly(
                "AzurePodIdentityException/default/mic-exception",
                "AzurePodIdentityException/kube-system/aks-addon-exception",
                "ClusterRole/aad-pod-id-mic-role", "ClusterRole/aad-pod-id-nmi-role",
                "ClusterRoleBinding/aad-pod-id-mic-binding", "ClusterRoleBinding/aad-pod-id-nmi-binding",
                "ConfigMap/default/aad-pod-identity-config", "DaemonSet/default/nmi", "Deployment/default/mic",
                "ServiceAccount/default/aad-pod-id-mic-service-account",
                "ServiceAccount/default/aad-pod-id-nmi-service-account");
    }

    @Test
    void aksAddOnInstall() {
        ScanOutcome<ClusterInventory> outcome = scan("install-addon");
        PodIdentityInstall install = outcome.value().podIdentity();

        assertThat(install.mode()).isEqualTo(PodIdentityInstall.Mode.AKS_ADDON);
        assertThat(install.namespace()).isEqualTo("kube-system");
        assertThat(install.objects()).extracting(ObjectRef::display).containsExactly(
                "AzurePodIdentityException/kube-system/aks-addon-exception", "DaemonSet/kube-system/nmi");
        assertThat(findings(outcome, Rule.POD_IDENTITY_INSTALL)).singleElement()
                .satisfies(f -> assertThat(f.evidence()).containsEntry("mode", "aks-addon"));
    }

    @Test
    void noInstallWithoutNmiOrMic() {
        ScanOutcome<ClusterInventory> outcome = scan("shared-sa");

        assertThat(outcome.value().podIdentity()).isNull();
        assertThat(findings(outcome, Rule.POD_IDENTITY_INSTALL)).isEmpty();
    }

    @Test
    void workloadIdentityWebhookAnnotatedServiceAccountAndLabelledWorkload() {
        ScanOutcome<ClusterInventory> outcome = scan("wi-state");
        ClusterInventory inventory = outcome.value();

        assertThat(inventory.oidcIssuer()).isEqualTo("https://oidc.example.test/7f0c1e9a/");
        assertThat(inventory.kubeSystemUid()).isEqualTo("7f0c1e9a-0000-4000-8000-000000000001");
        assertThat(inventory.webhook().namespace()).isEqualTo("azure-workload-identity-system");
        assertThat(inventory.webhook().objects()).extracting(ObjectRef::display).containsExactly(
                "ClusterRole/azure-wi-webhook-manager-role",
                "Deployment/azure-workload-identity-system/azure-wi-webhook-controller-manager",
                "MutatingWebhookConfiguration/azure-wi-webhook-mutating-webhook-configuration",
                "ServiceAccount/azure-workload-identity-system/azure-wi-webhook-admin");
        assertThat(inventory.serviceAccounts()).filteredOn(a -> a.ref().name().equals("orders")).singleElement()
                .satisfies(a -> assertThat(a.workloadIdentityAnnotations()).containsOnlyKeys(
                        "azure.workload.identity/client-id", "azure.workload.identity/tenant-id"));
        assertThat(workload(outcome, "Deployment", "orders").workloadIdentityLabel()).isTrue();
        assertThat(findings(outcome, Rule.WORKLOAD_IDENTITY_SERVICE_ACCOUNT)).extracting(ClusterAnalyzerTest::objectOf)
                .containsExactly("ServiceAccount/apps/orders");
        assertThat(findings(outcome, Rule.WORKLOAD_IDENTITY_WORKLOAD)).extracting(ClusterAnalyzerTest::objectOf)
                .containsExactly("Deployment/apps/orders");
        assertThat(findings(outcome, Rule.WORKLOAD_IDENTITY_ISSUER_MISSING)).isEmpty();
        assertThat(findings(outcome, Rule.WORKLOAD_IDENTITY_WEBHOOK_MISSING)).isEmpty();
    }

    @Test
    void missingIssuerAndWebhookAreFindings() {
        ScanOutcome<ClusterInventory> outcome = scan("default-mode");

        assertThat(outcome.value().oidcIssuer()).isNull();
        assertThat(findings(outcome, Rule.WORKLOAD_IDENTITY_ISSUER_MISSING)).hasSize(1);
        assertThat(findings(outcome, Rule.WORKLOAD_IDENTITY_WEBHOOK_MISSING)).hasSize(1);
    }

    @Test
    void ownershipOfHelmArgoFluxAndFieldManagers() {
        ScanOutcome<ClusterInventory> outcome = scan("default-mode");

        assertThat(workload(outcome, "Deployment", "web").ownership())
                .extracting("manager", "name").containsExactly("helm", "payments-web");
        assertThat(workload(outcome, "CronJob", "report").ownership())
                .extracting("manager", "name").containsExactly("argocd", "reports");
        assertThat(workload(outcome, "Pod", "debug").ownership())
                .extracting("manager", "name").containsExactly("flux", "apps");
        assertThat(workload(outcome, "StatefulSet", "db").ownership())
                .extracting("manager", "name").containsExactly("terraform-provider-kubernetes", null);
        assertThat(workload(outcome, "Deployment", "api").ownership()).isNull();
    }

    @Test
    void sameInputGivesTheSameOutcome() {
        assertThat(scan("default-mode")).isEqualTo(scan("default-mode"));
    }
}
