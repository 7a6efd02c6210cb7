package io.wimigrate.scanner.cluster;

import io.wimigrate.scanner.model.AzureIdentity;
import io.wimigrate.scanner.model.AzureIdentityBinding;
import io.wimigrate.scanner.model.BoundIdentity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which bindings select a pod, as MIC decides it: the pod's {@code aadpodidbinding} label equals the binding's selector
 * (plain string equality); the binding names an AzureIdentity in the binding's own namespace; and when MIC runs with
 * {@code --forceNamespaced} or the identity is annotated {@code aadpodidentity.k8s.io/Behavior: namespaced}, identity,
 * binding and pod must share one namespace. Otherwise a binding selects pods in every namespace.
 */
final class BindingMatcher {

    private final Map<String, List<AzureIdentityBinding>> bindingsBySelector = new HashMap<>();
    private final Map<String, AzureIdentity> identities = new HashMap<>();
    private final boolean forceNamespaced;

    BindingMatcher(List<AzureIdentity> identities, List<AzureIdentityBinding> bindings, boolean forceNamespaced) {
        this.forceNamespaced = forceNamespaced;
        bindings.stream().filter(b -> b.selector() != null)
                .forEach(b -> bindingsBySelector.computeIfAbsent(b.selector(), s -> new ArrayList<>()).add(b));
        identities.forEach(i -> this.identities.put(key(i.ref().namespace(), i.ref().name()), i));
    }

    /** The bindings (and identities, null when missing) a pod with this label in this namespace gets. */
    List<BoundIdentity> match(String podNamespace, String label) {
        List<BoundIdentity> bound = new ArrayList<>();
        if (label == null || label.isEmpty()) {
            return bound;
        }
        for (AzureIdentityBinding binding : bindingsBySelector.getOrDefault(label, List.of())) {
            String bindingNamespace = binding.ref().namespace();
            AzureIdentity identity = identities.get(key(bindingNamespace, binding.azureIdentity()));
            boolean namespaced = forceNamespaced || (identity != null && identity.namespaced());
            if (namespaced && !Objects.equals(bindingNamespace, podNamespace)) {
                continue;
            }
            bound.add(new BoundIdentity(binding.ref(), identity == null ? null : identity.ref()));
        }
        bound.sort(Comparator.comparing(BoundIdentity::binding));
        return bound;
    }

    /** The identity a binding names, looked up where MIC looks for it. */
    AzureIdentity identityOf(AzureIdentityBinding binding) {
        return identities.get(key(binding.ref().namespace(), binding.azureIdentity()));
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
