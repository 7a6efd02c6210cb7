package io.wimigrate.scanner.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** AzureIdentity {@code spec.type}. */
public enum IdentityType {
    USER_ASSIGNED_MSI(0, "user-assigned-msi"),
    SERVICE_PRINCIPAL(1, "service-principal"),
    SERVICE_PRINCIPAL_CERTIFICATE(2, "service-principal-certificate");

    private final int code;
    private final String label;

    IdentityType(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public static IdentityType ofCode(int code) {
        for (IdentityType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown AzureIdentity type " + code + " (expected 0, 1 or 2)");
    }

    public int code() {
        return code;
    }

    @JsonValue
    public String label() {
        return label;
    }
}
