package io.wimigrate.azure.emulator;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ARM scope checks shared by the handlers: subscription and resource group existence, scope containment. */
final class ArmScope {
    private static final Pattern SUBSCRIPTION = Pattern.compile("(?i)^/subscriptions/([^/]+)(?:/resourceGroups/([^/]+))?");

    private ArmScope() {
    }

    static void requireSubscription(AzureState state, String subscriptionId) {
        if (!state.hasSubscription(subscriptionId)) {
            throw ArmErrors.error(404, "SubscriptionNotFound", "The subscription '" + subscriptionId
                    + "' could not be found.");
        }
    }

    static ResourceGroup requireResourceGroup(AzureState state, String subscriptionId, String name) {
        requireSubscription(state, subscriptionId);
        return state.resourceGroup(subscriptionId, name).orElseThrow(() -> ArmErrors.error(404,
                "ResourceGroupNotFound", "Resource group '" + name + "' could not be found."));
    }

    /** Checks the subscription (and resource group, when named) a scope starts with; the root scope passes. */
    static void requireScope(AzureState state, String scope) {
        if (scope.isEmpty() || scope.equals("/")) {
            return;
        }
        Matcher matcher = SUBSCRIPTION.matcher(scope);
        if (!matcher.find()) {
            throw ArmErrors.error(400, "InvalidScope", "The scope '" + scope + "' is not supported.");
        }
        if (matcher.group(2) != null) {
            requireResourceGroup(state, matcher.group(1), matcher.group(2));
        } else {
            requireSubscription(state, matcher.group(1));
        }
    }

    /** True when {@code inner} is {@code outer} or lies below it. */
    static boolean contains(String outer, String inner) {
        String o = normalize(outer);
        String i = normalize(inner);
        return o.isEmpty() || i.equals(o) || i.startsWith(o + "/");
    }

    static String normalize(String scope) {
        String s = scope.toLowerCase(Locale.ROOT);
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
