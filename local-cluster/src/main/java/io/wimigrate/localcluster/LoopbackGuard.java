package io.wimigrate.localcluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.Permission;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps tests on loopback: every outgoing connection and every host name lookup of the test JVM is checked, and one
 * to anything but a loopback address is refused with a {@link SecurityException} naming the host. A library may catch
 * that (a credential chain tries the next credential), so each refusal is also recorded and fails the test that made
 * it. Registered for every test class by JUnit's extension auto-detection (see the root pom's surefire
 * configuration); processes the tests start (the local control plane, a CLI subprocess) are outside the guard.
 *
 * <p>The check is a {@link SecurityManager} whose only check is {@code checkConnect}: the one JDK hook that sees every
 * socket (blocking, NIO, Netty, the JDK HttpClient) and every DNS lookup. It needs {@code -Djava.security.manager=allow}
 * on JDK 18 and later.
 */
@SuppressWarnings("removal") // SecurityManager: see above
public final class LoopbackGuard implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private static final List<String> REFUSED = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        failOnRefusals();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        failOnRefusals();
    }

    /** Installs the guard once per JVM. */
    public static synchronized void install() {
        if (System.getSecurityManager() instanceof Guard) {
            return;
        }
        String ownHostName;
        try {
            ownHostName = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            ownHostName = "localhost";
        }
        System.setSecurityManager(new Guard(ownHostName));
    }

    /** The refusals recorded since the last call, cleared; for the guard's own test. */
    public static synchronized List<String> drainRefusals() {
        List<String> refused = List.copyOf(REFUSED);
        REFUSED.clear();
        return refused;
    }

    private static void failOnRefusals() {
        List<String> refused = drainRefusals();
        if (!refused.isEmpty()) {
            throw new AssertionError("the test tried to reach a non-loopback address (tests may only reach"
                    + " loopback): " + String.join(", ", refused));
        }
    }

    private static synchronized void refuse(String what) {
        REFUSED.add(what);
        throw new SecurityException("LoopbackGuard: " + what + " refused: tests may only reach loopback addresses");
    }

    private static final class Guard extends SecurityManager {
        private final String ownHostName;

        Guard(String ownHostName) {
            this.ownHostName = ownHostName;
        }

        @Override
        public void checkPermission(Permission permission) {
            // Everything else is allowed: this manager exists only for checkConnect.
        }

        @Override
        public void checkPermission(Permission permission, Object context) {
        }

        @Override
        public void checkConnect(String host, int port) {
            // port -1: a name lookup (the JVM resolves its own host name for InetAddress.getLocalHost).
            if (port == -1 ? !isLoopbackName(host) && !host.equals(ownHostName) : !isLoopbackAddress(host)) {
                refuse(port == -1 ? "lookup of " + host : "connection to " + host + ":" + port);
            }
        }

        @Override
        public void checkConnect(String host, int port, Object context) {
            checkConnect(host, port);
        }

        private static boolean isLoopbackName(String host) {
            return host.equalsIgnoreCase("localhost") || isLoopbackAddress(host);
        }

        /** Literal addresses only: by the time a socket connects, its host is resolved. */
        private static boolean isLoopbackAddress(String host) {
            String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            if (bare.indexOf(':') < 0 && !bare.matches("[0-9.]+")) {
                return bare.equalsIgnoreCase("localhost");
            }
            try {
                InetAddress address = InetAddress.getByName(bare); // a literal: no lookup, no recursion into here
                return address.isLoopbackAddress() || address.isAnyLocalAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
    }
}
