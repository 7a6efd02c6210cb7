package io.wimigrate.scanner.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.wimigrate.scanner.model.ObjectRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Groups pods and pod-running controllers under their top-level owner by following controller ownerReferences
 * (Pod -> ReplicaSet -> Deployment, Pod -> Job -> CronJob). An owner named by a reference but absent from the snapshot
 * still becomes the top level, known by its reference only.
 */
final class OwnerResolver {

    private static final Set<String> POD_OWNER_KINDS =
            Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob");

    private final Map<String, HasMetadata> byUid = new HashMap<>();
    private final Map<String, HasMetadata> byName = new HashMap<>();

    private OwnerResolver(List<HasMetadata> runners) {
        for (HasMetadata object : runners) {
            if (object.getMetadata().getUid() != null) {
                byUid.put(object.getMetadata().getUid(), object);
            }
            byName.put(key(object.getKind(), Meta.namespace(object), Meta.name(object)), object);
        }
    }

    static List<PodOwner> resolve(List<HasMetadata> objects) {
        List<HasMetadata> runners = objects.stream().filter(PodTemplate::runsPods)
                .sorted(Comparator.comparing(Meta::ref)).toList();
        OwnerResolver resolver = new OwnerResolver(runners);
        Map<ObjectRef, List<HasMetadata>> groups = new TreeMap<>();
        for (HasMetadata runner : runners) {
            groups.computeIfAbsent(resolver.topLevel(runner), r -> new ArrayList<>()).add(runner);
        }
        List<PodOwner> owners = new ArrayList<>();
        groups.forEach((ref, members) -> owners.add(owner(ref, members)));
        return owners;
    }

    private static PodOwner owner(ObjectRef ref, List<HasMetadata> members) {
        HasMetadata top = members.stream().filter(m -> Meta.ref(m).compareTo(ref) == 0).findFirst().orElse(null);
        // Without the top object, prefer a controller's template (what new pods get) over one pod's spec.
        HasMetadata templateSource = top != null ? top : members.stream()
                .min(Comparator.comparing((HasMetadata m) -> m instanceof Pod).thenComparing(Meta::ref))
                .orElseThrow();
        List<HasMetadata> pods = members.stream().filter(m -> m instanceof Pod).toList();
        return new PodOwner(ref, top, PodTemplate.of(templateSource).orElseThrow(),
                pods.stream().map(Meta::ref).sorted().toList(),
                pods.stream().map(Meta::labels).toList());
    }

    private ObjectRef topLevel(HasMetadata object) {
        HasMetadata current = object;
        // By identity: an object's own hashCode walks its whole spec (and fails on a malformed resource quantity).
        Set<HasMetadata> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (seen.add(current)) {
            Optional<OwnerReference> controller = controllerOf(current);
            if (controller.isEmpty()) {
                return Meta.ref(current);
            }
            OwnerReference owner = controller.get();
            HasMetadata found = owner.getUid() != null ? byUid.get(owner.getUid()) : null;
            if (found == null) {
                found = byName.get(key(owner.getKind(), Meta.namespace(current), owner.getName()));
            }
            if (found == null) {
                return new ObjectRef(owner.getApiVersion(), owner.getKind(), Meta.namespace(current),
                        owner.getName(), owner.getUid(), null);
            }
            current = found;
        }
        return Meta.ref(current);
    }

    private static Optional<OwnerReference> controllerOf(HasMetadata object) {
        List<OwnerReference> references = object.getMetadata().getOwnerReferences();
        if (references == null) {
            return Optional.empty();
        }
        Map<Boolean, OwnerReference> byController = new LinkedHashMap<>();
        for (OwnerReference reference : references) {
            if (POD_OWNER_KINDS.contains(reference.getKind())) {
                byController.putIfAbsent(Boolean.TRUE.equals(reference.getController()), reference);
            }
        }
        return Optional.ofNullable(byController.getOrDefault(true, byController.get(false)));
    }

    private static String key(String kind, String namespace, String name) {
        return kind + "/" + namespace + "/" + name;
    }
}
