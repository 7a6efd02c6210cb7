package io.wimigrate.localcluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * One {@link LocalCluster} per test run, shared by every test class that uses this extension; it is stopped when
 * the run ends. Tests receive the cluster or its {@link KubernetesClient} as parameters. If any test fails, the
 * cluster's logs are kept and their directory printed.
 */
public final class LocalClusterExtension implements ParameterResolver, TestWatcher {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LocalClusterExtension.class);

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
