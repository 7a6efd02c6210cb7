package io.wimigrate.planner;

import io.wimigrate.planner.model.PlanHeader.AzureHeader;
import io.wimigrate.planner.model.PlanHeader.Setting;
import io.wimigrate.scanner.model.AzureIdentity;
import io.wimigrate.scanner.model.ClusterInventory;
import io.wimigrate.scanner.model.IdentityType;
import io.wimigrate.scanner.model.Inventory;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tenant, subscription, resource group and location for the plan: from the options, else inferred from the inventory
 * when it says one thing only (the reviewer sees which), else unresolved.
 */
public final class AzureSettings {

    private static final Pattern RESOURCE_ID = Pattern.compile(
            "(?i)^/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/.*$");
    private static final Pattern UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final String AKS_ISSUER_HOST = ".oic.prod-aks.azure.com";

    private AzureSettings() {
    }

    public static AzureHeader resolve(PlanRequest request) {
        Inventory inventory = request.inventory();
        List<AzureIdentity> userAssigned = inventory.clusters().stream()
                .flatMap(c -> c.azureIdentities().stream())
                .filter(i -> i.type() == IdentityType.USER_ASSIGNED_MSI && i.resourceId() != null).toList();
        Setting tenant = option(request.tenant(), () -> first(
                inferred(distinct(inventory.clusters().stream().flatMap(c -> c.azureIdentities().stream())
                        .map(AzureIdentity::tenantId).toList()), "the tenantID of the AzureIdentities"),
                inferred(distinct(inventory.clusters().stream().map(AzureSettings::issuerTenant).toList()),
                        "the AKS OIDC issuer URL")));
        Setting subscription = option(request.subscription(), () -> inferred(distinct(userAssigned.stream()
                .map(i -> part(i.resourceId(), 1)).toList()), "the resourceID of the user-assigned AzureIdentities"));
        Setting resourceGroup = option(request.resourceGroup(), () -> inferred(distinct(userAssigned.stream()
                .map(i -> part(i.resourceId(), 2)).toList()), "the resourceID of the user-assigned AzureIdentities"));
        Setting location = option(request.location(), () -> inferred(distinct(inventory.clusters().stream()
                .map(AzureSettings::issuerRegion).toList()), "the AKS OIDC issuer host"));
        Set<String> subscriptions = new TreeSet<>(distinct(userAssigned.stream().map(i -> part(i.resourceId(), 1))
                .toList()));
        if (subscription.resolved()) {
            subscriptions.add(subscription.value());
        }
        return new AzureHeader(request.cloud(), tenant, subscription, resourceGroup, location,
                List.copyOf(subscriptions), request.azure().resolved());
    }

    private static Setting option(String value, java.util.function.Supplier<Setting> otherwise) {
        return value != null ? new Setting(value, "option") : otherwise.get();
    }

    private static Setting first(Setting... candidates) {
        for (Setting candidate : candidates) {
            if (candidate.resolved()) {
                return candidate;
            }
        }
        return candidates[candidates.length - 1];
    }

    private static Setting inferred(Set<String> values, String from) {
        if (values.size() == 1) {
            return new Setting(values.iterator().next(), "inferred from " + from);
        }
        return Setting.unresolved(values.isEmpty() ? "not in the inventory" : "the inventory names several ("
                + String.join(", ", values) + ")");
    }

    private static Set<String> distinct(List<String> values) {
        return new TreeSet<>(values.stream().filter(Objects::nonNull).toList());
    }

    /** Lower case, as {@link io.wimigrate.planner.model.Target#identity} keeps ARM names. */
    private static String part(String resourceId, int group) {
        Matcher matcher = RESOURCE_ID.matcher(resourceId);
        return matcher.matches() ? matcher.group(group).toLowerCase(Locale.ROOT) : null;
    }

    /** AKS issuers look like {@code https://<region>.oic.prod-aks.azure.com/<tenant>/<guid>/}. */
    private static String issuerTenant(ClusterInventory cluster) {
        return aksIssuer(cluster, uri -> {
            String[] path = uri.getPath().split("/");
            return path.length > 1 && UUID.matcher(path[1]).matches() ? path[1] : null;
        });
    }

    private static String issuerRegion(ClusterInventory cluster) {
        return aksIssuer(cluster, uri -> uri.getHost().substring(0, uri.getHost().indexOf('.')));
    }

    private static String aksIssuer(ClusterInventory cluster, Function<URI, String> part) {
        if (cluster.oidcIssuer() == null) {
            return null;
        }
        try {
            URI uri = URI.create(cluster.oidcIssuer());
            return uri.getHost() != null && uri.getHost().endsWith(AKS_ISSUER_HOST) ? part.apply(uri) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
