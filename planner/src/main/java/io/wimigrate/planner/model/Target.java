package io.wimigrate.planner.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.wimigrate.scanner.model.ObjectRef;
import io.wimigrate.scanner.model.PodIdentityInstall;

/**
 * What a step changes or checks. {@code scope} says where the object lives: the cluster name for Kubernetes objects,
 * {@code /subscriptions/S/resourceGroups/RG} for an Azure resource, {@code tenant/T} for an app registration,
 * {@code repo} for a repository.
 */
public record Target(String scope, String apiVersion, String kind, String namespace, String name) {

    public static final String USER_ASSIGNED_IDENTITY = "UserAssignedIdentity";
    public static final String APPLICATION = "Application";
    public static final String REPOSITORY = "Repository";
    public static final String CLUSTER = "Cluster";
    public static final String POD_IDENTITY_INSTALL = "PodIdentityInstall";

    public static Target kube(String cluster, ObjectRef ref) {
        return new Target(cluster, ref.apiVersion(), ref.kind(), ref.namespace(), ref.name());
    }

    public static Target kube(String cluster, String apiVersion, String kind, String namespace, String name) {
        return new Target(cluster, apiVersion, kind, namespace, name);
    }

    public static Target identity(String subscription, String resourceGroup, String name) {
        return new Target("/subscriptions/" + subscription + "/resourceGroups/" + resourceGroup, null,
                USER_ASSIGNED_IDENTITY, null, name);
    }

    /** A user-assigned identity by its ARM resource id, as an AzureIdentity's {@code resourceID} gives it. */
    public static Target identityById(String resourceId) {
        String[] parts = resourceId.split("/");
        String name = parts[parts.length - 1];
        int providers = resourceId.toLowerCase(java.util.Locale.ROOT).indexOf("/providers/");
        return new Target(providers < 0 ? resourceId : resourceId.substring(0, providers), null,
                USER_ASSIGNED_IDENTITY, null, name);
    }

    public static Target application(String tenant, String appId) {
        return new Target("tenant/" + tenant, null, APPLICATION, null, appId);
    }

    public static Target repository(String root) {
        return new Target("repo", null, REPOSITORY, null, root);
    }

    /** An AAD Pod Identity installation: named by its Helm release, or {@code aad-pod-identity} without one. */
    public static Target podIdentityInstall(String cluster, PodIdentityInstall install) {
        return new Target(cluster, null, POD_IDENTITY_INSTALL, install.namespace(),
                install.release() == null ? "aad-pod-identity" : install.release());
    }

    public static Target cluster(String name) {
        return new Target(name, null, CLUSTER, null, name);
    }

    @JsonIgnore
    public boolean isKubernetes() {
        return apiVersion != null;
    }

    /** {@code scope: Kind/namespace/name}: the form used in messages, plan.md and the terminal. */
    public String display() {
        String object = namespace == null ? kind + "/" + name : kind + "/" + namespace + "/" + name;
        return switch (kind) {
            case CLUSTER -> "Cluster/" + name;
            case REPOSITORY -> "Repository/" + name;
            default -> scope + ": " + object;
        };
    }
}
