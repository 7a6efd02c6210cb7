package io.wimigrate.scanner.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/** An installation of AAD Pod Identity and every object that belongs to it. */
public record PodIdentityInstall(Mode mode, String namespace, String release, List<ObjectRef> objects) {

    public enum Mode {
        HELM("helm"), RAW_MANIFESTS("raw-manifests"), AKS_ADDON("aks-addon");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        @JsonValue
        public String label() {
            return label;
        }
    }
}
