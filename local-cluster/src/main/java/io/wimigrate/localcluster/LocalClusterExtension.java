package io.wimigrate.localcluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * One {@link LocalCluster} per test run, shared by every test class that uses this extension; it is stopped when
 * the run ends. Tests receive the cluster or its {@link KubernetesClient} as parameters. If any test fails, the
 * cluster's logs are kept and their directory printed. A class marked {@link OwnClusters} starts its own clusters
 * (say a fresh one per test, for tests that change cluster-wide objects); since only one cluster runs at a time on a
 * machine, the shared one is stopped before that class runs and started again when another class needs it.
 */
public final class LocalClusterExtension implements ParameterResolver, TestWatcher, BeforeAllCallback {

    /** The tests of this class start their own {@link LocalCluster}s and get none from the extension. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    public @interface OwnClusters {
    }

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LocalClusterExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        if (context.getRequiredTestClass().isAnnotationPresent(OwnClusters.class)) {
            Running shared = context.getRoot().getStore(NAMESPACE).remove("cluster", Running.class);
            if (shared != null) {
                shared.close();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == LocalCluster.class || type == KubernetesClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        LocalCluster cluster = cluster(context);
        return parameter.getParameter().getType() == LocalCluster.class ? cluster : cluster.client();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Running running = context.getRoot().getStore(NAMESPACE).get("cluster", Running.class);
        if (running != null) {
            running.cluster().keepLogs();
        }
    }

    private static LocalCluster cluster(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("cluster", key -> new Running(LocalCluster.start()), Running.class)
                .cluster();
    }

    /** Lets JUnit close the cluster when the run's root context closes. */
    private record Running(LocalCluster cluster) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            cluster.close();
        }
    }
}
