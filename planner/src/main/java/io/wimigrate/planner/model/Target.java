package io.wimigrate.planner.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.wimigrate.scanner.model.ObjectRef;
import io.wimigrate.scanner.model.PodIdentityInstall;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern RESOURCE_ID = Pattern.compile("(?i)^/subscriptions/([^/]+)/resourceGroups/([^/]+)"
            + "/providers/Microsoft\\.ManagedIdentity/userAssignedIdentities/([^/]+)/?$");

    public static Target kube(String cluster, ObjectRef ref) {
        return new Target(cluster, ref.apiVersion(), ref.kind(), ref.namespace(), ref.name());
    }

    public static Target kube(String cluster, String apiVersion, String kind, String namespace, String name) {
        return new Target(cluster, apiVersion, kind, namespace, name);
    }

    /**
     * A user-assigned identity. ARM ids are case-insensitive, so subscription, resource group and name are kept in
     * lower case: two AzureIdentities naming one identity in different case share its steps and its credential count.
     */
    public static Target identity(String subscription, String resourceGroup, String name) {
        return new Target("/subscriptions/" + lower(subscription) + "/resourceGroups/" + lower(resourceGroup), null,
                USER_ASSIGNED_IDENTITY, null, lower(name));
    }

    /** Whether {@code resourceId} is a user-assigned identity's ARM resource id. */
    public static boolean isIdentityId(String resourceId) {
        return RESOURCE_ID.matcher(resourceId).matches();
    }

    /** A user-assigned identity by its ARM resource id, as an AzureIdentity's {@code resourceID} gives it. */
    public static Target identityById(String resourceId) {
        Matcher id = RESOURCE_ID.matcher(resourceId);
        if (!id.matches()) {
            throw new IllegalArgumentException("not a user-assigned identity id: " + resourceId);
        }
        return identity(id.group(1), id.group(2), id.group(3));
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

    private static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
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
