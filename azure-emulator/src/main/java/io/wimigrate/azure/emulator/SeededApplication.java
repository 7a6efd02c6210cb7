package io.wimigrate.azure.emulator;

/** An app registration with its service principal; {@code secret} is set only when one was seeded. */
public record SeededApplication(Application application, ServicePrincipal servicePrincipal, String secret) {

    public String appId() {
        return application.appId();
    }

    @Override
    public String toString() {
        return "SeededApplication[appId=" + application.appId() + ", servicePrincipal=" + servicePrincipal.id()
                + ", secret=" + (secret == null ? "none" : "<redacted>") + "]";
    }
}
