package io.wimigrate.scanner.model;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Every kind of finding the scanner reports. The id is the SARIF ruleId and the {@code rule} field of a finding;
 * ids are part of the published format, so they never change once released.
 */
public enum Rule {
    // Cluster: AAD Pod Identity
    POD_IDENTITY_AZURE_IDENTITY("pod-identity-azure-identity", Severity.WARNING,
            "AzureIdentity still in use",
            "Map the identity to workload identity: reuse the user-assigned identity (type 0) or create one / federate the"
                    + " app registration (types 1 and 2), then add a federated credential per ServiceAccount."),
    POD_IDENTITY_BINDING("pod-identity-binding", Severity.WARNING,
            "AzureIdentityBinding still in use",
            "Remove the binding after every workload it selects uses workload identity and has been verified."),
    POD_IDENTITY_DANGLING_BINDING("pod-identity-dangling-binding", Severity.NOTE,
            "AzureIdentityBinding that names a missing AzureIdentity or selects no workload",
            "Nothing depends on it; remove it during cleanup."),
    POD_IDENTITY_EXCEPTION("pod-identity-exception", Severity.NOTE,
            "AzurePodIdentityException lets pods reach IMDS directly",
            "Check whether the excepted pods use the node's managed identity; remove the exception with pod identity."),
    POD_IDENTITY_ASSIGNED("pod-identity-assigned-identity", Severity.NOTE,
            "AzureAssignedIdentity created by MIC",
            "Read-only record of MIC; it disappears when the binding and MIC are removed."),
    POD_IDENTITY_BOUND_WORKLOAD("pod-identity-bound-workload", Severity.WARNING,
            "Workload gets its Azure identity from AAD Pod Identity",
            "Give it a ServiceAccount annotated with azure.workload.identity/client-id, add the pod label"
                    + " azure.workload.identity/use: \"true\" to its pod template and restart it."),
    POD_IDENTITY_INSTALL("pod-identity-install", Severity.WARNING,
            "AAD Pod Identity components (NMI/MIC) installed",
            "Remove NMI and MIC (or disable the AKS add-on with az aks update --disable-pod-identity) after every"
                    + " workload has moved to workload identity."),
    // Cluster: service-principal secrets
    SP_SECRET("sp-secret", Severity.ERROR,
            "Kubernetes Secret holds service-principal credentials",
            "Replace the client secret or certificate with workload identity, then back up and delete the Secret."),
    SP_SECRET_CONSUMER("sp-secret-consumer", Severity.WARNING,
            "Workload reads service-principal credentials from a Secret",
            "Switch the workload to workload identity and remove the env/volume reference to the Secret."),
    SP_SECRET_LITERAL("sp-secret-literal", Severity.ERROR,
            "Service-principal secret written literally into a pod spec",
            "Remove the literal value from the manifest and rotate the secret: it is readable by anyone who can read"
                    + " the workload."),
    // Cluster: workload identity state
    WORKLOAD_IDENTITY_ISSUER_MISSING("workload-identity-issuer-missing", Severity.WARNING,
            "Cluster has no OIDC issuer discovery document",
            "Enable it: az aks update --enable-oidc-issuer --enable-workload-identity."),
    WORKLOAD_IDENTITY_WEBHOOK_MISSING("workload-identity-webhook-missing", Severity.WARNING,
            "azure-workload-identity mutating webhook not installed",
            "Install it (az aks update --enable-workload-identity, or the upstream Helm chart)."),
    WORKLOAD_IDENTITY_SERVICE_ACCOUNT("workload-identity-service-account", Severity.NOTE,
            "ServiceAccount already annotated for workload identity",
            "Already migrated or in progress; the plan reuses it."),
    WORKLOAD_IDENTITY_WORKLOAD("workload-identity-workload", Severity.NOTE,
            "Workload already carries the azure.workload.identity/use label",
            "Already migrated or in progress; the plan verifies it."),
    // Repository: Java
    JAVA_CLIENT_SECRET_CREDENTIAL("java-client-secret-credential", Severity.ERROR,
            "Java code builds a ClientSecretCredential",
            "Use new DefaultAzureCredentialBuilder().build() (migrate rewrite does this)."),
    JAVA_CLIENT_CERTIFICATE_CREDENTIAL("java-client-certificate-credential", Severity.ERROR,
            "Java code builds a ClientCertificateCredential",
            "Use new DefaultAzureCredentialBuilder().build() (migrate rewrite does this)."),
    JAVA_ENVIRONMENT_CREDENTIAL("java-environment-credential", Severity.WARNING,
            "Java code uses EnvironmentCredential (client secret from env)",
            "Use new DefaultAzureCredentialBuilder().build(); it reads the workload-identity env the webhook injects."),
    JAVA_MANAGED_IDENTITY_CLIENT_ID("java-managed-identity-client-id", Severity.NOTE,
            "Java code uses ManagedIdentityCredential with a client id",
            "Keeps working under workload identity with com.azure:azure-identity 1.9.0 or later."),
    JAVA_TRACK1_CREDENTIAL("java-track1-credential", Severity.ERROR,
            "Java code uses a track-1 credential (ApplicationTokenCredentials, MSICredentials)",
            "Move to com.azure:azure-identity and DefaultAzureCredential; track-1 SDKs do not support workload"
                    + " identity."),
    JAVA_MSAL_CLIENT_SECRET("java-msal-client-secret", Severity.ERROR,
            "MSAL4J confidential client built from a client secret",
            "Use ClientCredentialFactory.createFromClientAssertion with the token in AZURE_FEDERATED_TOKEN_FILE, or"
                    + " azure-identity's WorkloadIdentityCredential."),
    JAVA_ADAL("java-adal", Severity.ERROR,
            "ADAL4J (retired) acquires tokens",
            "Replace ADAL4J with azure-identity's DefaultAzureCredential."),
    SPRING_CREDENTIAL_CONFIG("spring-credential-config", Severity.ERROR,
            "Spring Boot configuration carries a client secret or client id for Azure",
            "Use spring.cloud.azure.credential.managed-identity-enabled=true with the workload identity client id."),
    // Repository: other languages
    PYTHON_CREDENTIAL("python-credential", Severity.ERROR,
            "Python code authenticates with a client secret, certificate or IMDS-only credential",
            "Use azure.identity.DefaultAzureCredential() (azure-identity >= 1.13.0)."),
    DOTNET_CREDENTIAL("dotnet-credential", Severity.ERROR,
            ".NET code authenticates with a client secret or AppAuthentication",
            "Use new DefaultAzureCredential() (Azure.Identity >= 1.9.0)."),
    GO_CREDENTIAL("go-credential", Severity.ERROR,
            "Go code authenticates with a client secret or go-autorest MSI",
            "Use azidentity.NewDefaultAzureCredential(nil) (azidentity >= 1.3.0)."),
    JS_CREDENTIAL("js-credential", Severity.ERROR,
            "JavaScript/TypeScript code authenticates with a client secret",
            "Use new DefaultAzureCredential() (@azure/identity >= 3.2.0)."),
    MSAL_CLIENT_SECRET("msal-client-secret", Severity.ERROR,
            "MSAL confidential client with a client secret",
            "Use a client assertion read from AZURE_FEDERATED_TOKEN_FILE, or the Azure Identity library."),
    POD_IDENTITY_AUTHORITY_ENV("pod-identity-authority-env", Severity.WARNING,
            "Code or config reads AZURE_POD_IDENTITY_AUTHORITY_HOST",
            "Remove it: workload identity injects AZURE_AUTHORITY_HOST."),
    // Repository: build files
    AZURE_IDENTITY_VERSION("azure-identity-version", Severity.WARNING,
            "Azure Identity library older than the first version with workload identity",
            "Raise it to at least the version given in the evidence."),
    // Repository: manifests, Helm, kustomize
    MANIFEST_POD_IDENTITY_LABEL("manifest-pod-identity-label", Severity.WARNING,
            "Manifest labels pods with aadpodidbinding",
            "Replace it with azure.workload.identity/use: \"true\" on the pod template and a ServiceAccount annotated"
                    + " with the client id."),
    MANIFEST_POD_IDENTITY_OBJECT("manifest-pod-identity-object", Severity.WARNING,
            "Manifest declares an AAD Pod Identity object",
            "Remove it from the repository once the cluster no longer uses it, or the next deploy brings it back."),
    MANIFEST_SP_SECRET_REFERENCE("manifest-sp-secret-reference", Severity.WARNING,
            "Manifest passes service-principal credentials to a container",
            "Remove the AZURE_CLIENT_SECRET / certificate env or volume once the workload uses workload identity."),
    HELM_TEMPLATE_POD_IDENTITY("helm-template-pod-identity", Severity.WARNING,
            "Helm template refers to AAD Pod Identity or service-principal secrets",
            "Change the template by hand at the line given; templates are not plain YAML."),
    // Repository: Terraform
    TERRAFORM_CLUSTER_WITHOUT_WORKLOAD_IDENTITY("terraform-cluster-without-workload-identity", Severity.WARNING,
            "azurerm_kubernetes_cluster without OIDC issuer or workload identity",
            "Set oidc_issuer_enabled = true and workload_identity_enabled = true."),
    TERRAFORM_POD_IDENTITY_ROLE("terraform-pod-identity-role", Severity.NOTE,
            "Role assignment that exists for AAD Pod Identity (kubelet identity as Managed Identity Operator or"
                    + " Virtual Machine Contributor)",
            "Remove it after NMI/MIC are gone."),
    TERRAFORM_IDENTITY_NEEDS_FIC("terraform-identity-needs-federated-credential", Severity.NOTE,
            "User-assigned identity declared in Terraform without azurerm_federated_identity_credential",
            "Add an azurerm_federated_identity_credential per ServiceAccount (migrate plan --terraform renders them).");

    private final String id;
    private final Severity severity;
    private final String title;
    private final String help;

    Rule(String id, Severity severity, String title, String help) {
        this.id = id;
        this.severity = severity;
        this.title = title;
        this.help = help;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    public String title() {
        return title;
    }

    public String help() {
        return help;
    }
}
