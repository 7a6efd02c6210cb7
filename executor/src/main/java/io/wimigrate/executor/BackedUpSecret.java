package io.wimigrate.executor;

/** A Secret a step moved to a backup Secret beside it: what {@code migrate finalize} purges after the grace period. */
public record BackedUpSecret(String namespace, String name) {

    public String display() {
        return "Secret/" + namespace + "/" + name;
    }
}
