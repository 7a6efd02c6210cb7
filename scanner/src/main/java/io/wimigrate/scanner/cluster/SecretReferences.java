package io.wimigrate.scanner.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Every Secret a pod spec names, through env, envFrom or volumes. */
final class SecretReferences {

    private SecretReferences() {
    }

    static Set<String> names(PodSpec spec) {
        Set<String> names = new TreeSet<>();
        for (Container container : containers(spec)) {
            if (container.getEnv() != null) {
                container.getEnv().stream()
                        .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                        .forEach(e -> names.add(e.getValueFrom().getSecretKeyRef().getName()));
            }
            if (container.getEnvFrom() != null) {
                container.getEnvFrom().stream().filter(e -> e.getSecretRef() != null)
                        .forEach(e -> names.add(e.getSecretRef().getName()));
            }
        }
        if (spec.getVolumes() != null) {
            for (Volume volume : spec.getVolumes()) {
                if (volume.getSecret() != null && volume.getSecret().getSecretName() != null) {
                    names.add(volume.getSecret().getSecretName());
                }
            }
        }
        return names;
    }

    /** Init containers first, then containers, each in declaration order. */
    static List<Container> containers(PodSpec spec) {
        List<Container> all = new ArrayList<>();
        if (spec.getInitContainers() != null) {
            all.addAll(spec.getInitContainers());
        }
        if (spec.getContainers() != null) {
            all.addAll(spec.getContainers());
        }
        return all;
    }
}
