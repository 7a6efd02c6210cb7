package io.wimigrate.scanner.model;

/**
 * How a container reaches a service-principal Secret: {@code via} is {@code env}, {@code envFrom} or {@code volume};
 * {@code name} is the env var (e.g. AZURE_CLIENT_SECRET) or the mount path; {@code key} the Secret key when known.
 */
public record SecretUse(ObjectRef secret, String container, String via, String name, String key) {
}
