package io.wimigrate.scanner.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.wimigrate.scanner.model.AzureIdentity;
import io.wimigrate.scanner.model.Finding;
import io.wimigrate.scanner.model.IdentityType;
import io.wimigrate.scanner.model.Location;
import io.wimigrate.scanner.model.ObjectRef;
import io.wimigrate.scanner.model.Rule;
import io.wimigrate.scanner.model.SecretUse;
import io.wimigrate.scanner.model.SpSecret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds Secrets holding service-principal credentials through what refers to them: AzureIdentity
 * {@code clientPassword}, the Azure SDK's environment variables ({@code secretKeyRef}, or a path into a mounted secret
 * volume), and {@code envFrom} of a Secret already known to be one. Values are never looked at; a literal secret in a
 * pod spec is reported by length.
 */
final class SpSecretDetector {

    static final Set<String> SECRET_ENV = Set.of("AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PASSWORD");
    static final Set<String> PATH_ENV = Set.of("AZURE_CLIENT_CERTIFICATE_PATH", "AZURE_AUTH_LOCATION");

    record Result(Map<ObjectRef, List<SecretUse>> uses, List<SpSecret> secrets, List<Finding> literals) {
    }

    private final String cluster;
    private final List<SecretKeys> secretKeys;
    private final Map<ObjectRef, Found> found = new TreeMap<>();

    private SpSecretDetector(String cluster, List<SecretKeys> secretKeys) {
        this.cluster = cluster;
        this.secretKeys = secretKeys;
    }

    static Result detect(String cluster, List<PodOwner> owners, List<AzureIdentity> identities,
                         List<SecretKeys> secretKeys) {
        return new SpSecretDetector(cluster, secretKeys).run(owners, identities);
    }

    private Result run(List<PodOwner> owners, List<AzureIdentity> identities) {
        for (AzureIdentity identity : identities) {
            if (identity.clientPassword() != null && identity.clientPassword().name() != null) {
                Found secret = found(ObjectRef.of("v1", "Secret", identity.clientPassword().namespace(),
                        identity.clientPassword().name()));
                secret.referencedBy.add(identity.ref());
                secret.keys.addAll(identity.type() == IdentityType.SERVICE_PRINCIPAL_CERTIFICATE
                        ? List.of("certificate", "password") : List.of("clientSecret"));
            }
        }
        Map<ObjectRef, List<SecretUse>> uses = new TreeMap<>();
        List<Finding> literals = new ArrayList<>();
        for (PodOwner owner : owners) {
            List<SecretUse> ownerUses = new ArrayList<>();
            for (Container container : SecretReferences.containers(owner.template().spec())) {
                ownerUses.addAll(envUses(owner, container, literals));
            }
            addUses(uses, owner, ownerUses);
        }
        // envFrom counts only once a Secret is known for what it holds, so it runs after every direct reference.
        for (PodOwner owner : owners) {
            List<SecretUse> ownerUses = new ArrayList<>();
            for (Container container : SecretReferences.containers(owner.template().spec())) {
                ownerUses.addAll(envFromUses(owner, container));
            }
            addUses(uses, owner, ownerUses);
        }
        uses.replaceAll((k, v) -> v.stream().distinct().sorted(USE_ORDER).toList());
        List<SpSecret> secrets = found.entrySet().stream().map(e -> e.getValue().toModel(e.getKey())).toList();
        return new Result(uses, secrets, literals.stream().sorted().toList());
    }

    private void addUses(Map<ObjectRef, List<SecretUse>> uses, PodOwner owner, List<SecretUse> ownerUses) {
        if (ownerUses.isEmpty()) {
            return;
        }
        uses.computeIfAbsent(owner.ref(), r -> new ArrayList<>()).addAll(ownerUses);
        ownerUses.forEach(u -> found(u.secret()).consumers.add(owner.ref()));
    }

    private List<SecretUse> envUses(PodOwner owner, Container container, List<Finding> literals) {
        List<SecretUse> uses = new ArrayList<>();
        if (container.getEnv() == null) {
            return uses;
        }
        for (EnvVar env : container.getEnv()) {
            String name = env.getName();
            if (name == null || !SECRET_ENV.contains(name) && !PATH_ENV.contains(name)) {
                continue;
            }
            SecretKeySelector ref = env.getValueFrom() == null ? null : env.getValueFrom().getSecretKeyRef();
            if (ref != null && ref.getName() != null) {
                ObjectRef secret = secretRef(owner, ref.getName());
                if (ref.getKey() != null) {
                    found(secret).keys.add(ref.getKey());
                }
                uses.add(new SecretUse(secret, container.getName(), "env", name, ref.getKey()));
            } else if (env.getValue() != null && !env.getValue().isEmpty() && SECRET_ENV.contains(name)) {
                literals.add(literal(owner, container, name, env.getValue()));
            } else if (env.getValue() != null && PATH_ENV.contains(name)) {
                volumeUse(owner, container, env.getValue()).ifPresent(uses::add);
            }
        }
        return uses;
    }

    private Optional<SecretUse> volumeUse(PodOwner owner, Container container, String path) {
        if (container.getVolumeMounts() == null) {
            return Optional.empty();
        }
        Optional<VolumeMount> mount = container.getVolumeMounts().stream()
                .filter(m -> m.getMountPath() != null && (path.equals(m.getMountPath())
                        || path.startsWith(m.getMountPath().endsWith("/") ? m.getMountPath() : m.getMountPath() + "/")))
                .max(Comparator.comparingInt(m -> m.getMountPath().length()));
        Optional<Volume> volume = mount.flatMap(m -> volumes(owner).stream()
                .filter(v -> m.getName().equals(v.getName()) && v.getSecret() != null
                        && v.getSecret().getSecretName() != null).findFirst());
        if (volume.isEmpty()) {
            return Optional.empty();
        }
        String key = keyAt(volume.get(), mount.get(), path);
        ObjectRef secret = secretRef(owner, volume.get().getSecret().getSecretName());
        if (key != null) {
            found(secret).keys.add(key);
        }
        return Optional.of(new SecretUse(secret, container.getName(), "volume", mount.get().getMountPath(), key));
    }

    /** The Secret key a file path inside a secret volume shows, honouring {@code subPath} and {@code items}. */
    private static String keyAt(Volume volume, VolumeMount mount, String path) {
        String relative = path.substring(Math.min(path.length(), mount.getMountPath().length())).replaceFirst("^/", "");
        if (mount.getSubPath() != null && !mount.getSubPath().isEmpty()) {
            relative = relative.isEmpty() ? mount.getSubPath() : mount.getSubPath() + "/" + relative;
        }
        if (relative.isEmpty()) {
            return null;
        }
        List<KeyToPath> items = volume.getSecret().getItems();
        if (items != null && !items.isEmpty()) {
            String file = relative;
            return items.stream().filter(i -> file.equals(i.getPath())).map(KeyToPath::getKey).findFirst()
                    .orElse(null);
        }
        return relative.contains("/") ? null : relative;
    }

    private List<SecretUse> envFromUses(PodOwner owner, Container container) {
        List<SecretUse> uses = new ArrayList<>();
        if (container.getEnvFrom() == null) {
            return uses;
        }
        for (EnvFromSource source : container.getEnvFrom()) {
            if (source.getSecretRef() == null || source.getSecretRef().getName() == null) {
                continue;
            }
            ObjectRef secret = secretRef(owner, source.getSecretRef().getName());
            List<String> recognised = recognisedKeys(secret);
            if (found.containsKey(secret) || !recognised.isEmpty()) {
                found(secret).keys.addAll(recognised);
                uses.add(new SecretUse(secret, container.getName(), "envFrom",
                        source.getPrefix() == null ? "" : source.getPrefix(), null));
            }
        }
        return uses;
    }

    /** With opt-in Secret reading: the key names of this Secret that name SP credentials. */
    private List<String> recognisedKeys(ObjectRef secret) {
        if (secretKeys == null) {
            return List.of();
        }
        return secretKeys.stream()
                .filter(s -> s.namespace().equals(secret.namespace()) && s.name().equals(secret.name()))
                .flatMap(s -> s.keyLengths().keySet().stream())
                .filter(SpSecretDetector::isCredentialKey)
                .toList();
    }

    static boolean isCredentialKey(String key) {
        String normalised = key.toLowerCase(Locale.ROOT).replaceAll("[-_.]", "");
        return normalised.contains("clientsecret") || normalised.contains("clientcertificate");
    }

    private Finding literal(PodOwner owner, Container container, String env, String value) {
        SortedMap<String, String> evidence = new TreeMap<>();
        evidence.put("container", container.getName());
        evidence.put("env", env);
        evidence.put("length", Integer.toString(value.getBytes(StandardCharsets.UTF_8).length));
        return Finding.of(Rule.SP_SECRET_LITERAL, new Location.InCluster(cluster, owner.ref()),
                container.getName() + "/" + env,
                "container " + container.getName() + " sets " + env + " to a literal value", evidence);
    }

    private static List<Volume> volumes(PodOwner owner) {
        List<Volume> volumes = owner.template().spec().getVolumes();
        return volumes == null ? List.of() : volumes;
    }

    private static ObjectRef secretRef(PodOwner owner, String name) {
        return ObjectRef.of("v1", "Secret", owner.namespace(), name);
    }

    private Found found(ObjectRef secret) {
        return found.computeIfAbsent(secret, s -> new Found());
    }

    private static final Comparator<SecretUse> USE_ORDER = Comparator
            .comparing(SecretUse::container, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(SecretUse::via)
            .thenComparing(SecretUse::name)
            .thenComparing(SecretUse::secret);

    private final class Found {
        final Set<String> keys = new TreeSet<>();
        final Set<ObjectRef> referencedBy = new TreeSet<>();
        final Set<ObjectRef> consumers = new TreeSet<>();

        SpSecret toModel(ObjectRef ref) {
            Boolean exists = secretKeys == null ? null : secretKeys.stream()
                    .anyMatch(s -> s.namespace().equals(ref.namespace()) && s.name().equals(ref.name()));
            return new SpSecret(ref, List.copyOf(keys), exists, List.copyOf(referencedBy), List.copyOf(consumers));
        }
    }
}
