package io.wimigrate.executor.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.wimigrate.scanner.cluster.Forbidden;
import java.io.IOException;
import java.util.Optional;

/**
 * A failed Kubernetes request in words: the API server's own message when it answered; when it did not (down,
 * restarting, unreachable), that it did not and the network error, instead of fabric8's request line.
 */
public final class KubeErrors {

    private KubeErrors() {
    }

    public static String message(KubernetesClientException e, KubernetesClient kube) {
        return message(e, "the API server " + kube.getMasterUrl());
    }

    /** As {@link #message(KubernetesClientException, KubernetesClient)}, when the client is not at hand. */
    public static String message(KubernetesClientException e) {
        return message(e, "the cluster's API server");
    }

    private static String message(KubernetesClientException e, String server) {
        Optional<String> denied = Forbidden.describe(e);
        if (denied.isPresent()) {
            return denied.get();
        }
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getStatus().getMessage();
        }
        IOException network = networkCause(e);
        if (network != null) {
            return server + " did not answer (" + network.getClass().getSimpleName()
                    + (network.getMessage() == null ? "" : ": " + network.getMessage()) + ")";
        }
        return e.getMessage();
    }

    private static IOException networkCause(Throwable e) {
        IOException found = null;
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof IOException io) {
                found = io;
            }
        }
        return found;
    }
}
