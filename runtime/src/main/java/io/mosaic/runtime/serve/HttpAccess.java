package io.mosaic.runtime.serve;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may use a serving runtime over HTTP, and how much one request may ask.
 *
 * @param token          the access token every request must bear, or empty when the server runs without one (only
 *                       on a loopback address)
 * @param hostNames      the names a request's {@code Host} header may give (lower case; IPv6 addresses in brackets):
 *                       the loopback names and the address the server is bound to
 * @param assemblies     the folder assembly files may be read from, or empty: then an assembly is an installed name
 *                       or YAML text
 * @param maxBodyBytes   the largest request body
 * @param maxPendingJobs the most jobs queued or running at once
 */
public record HttpAccess(Optional<String> token, Set<String> hostNames, Optional<Path> assemblies, int maxBodyBytes,
                         int maxPendingJobs) {
    /** The largest request body by default: 256 KiB. */
    public static final int MAX_BODY_BYTES = 256 * 1024;
    /** The most jobs queued or running at once by default. */
    public static final int MAX_PENDING_JOBS = 16;
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    public HttpAccess {
        hostNames = Set.copyOf(hostNames);
        if (maxBodyBytes < 1 || maxPendingJobs < 1) {
            throw new IllegalArgumentException("the body and queue limits must be positive");
        }
    }

    /**
     * The access of a server bound to {@code host}, with the default limits.
     *
     * @param token empty to serve without a token, which only a loopback {@code host} may
     * @throws IllegalArgumentException when a server bound beyond loopback would have no token
     */
    public static HttpAccess of(String host, Optional<String> token, Optional<Path> assemblies) {
        if (token.isEmpty() && !isLoopback(host)) {
            throw new IllegalArgumentException("--no-token is only allowed on a loopback address (127.0.0.1, "
                    + "localhost, ::1), not on " + host);
        }
        return new HttpAccess(token, hostNames(host), assemblies, MAX_BODY_BYTES, MAX_PENDING_JOBS);
    }

    /** A new random token: 24 bytes from {@link SecureRandom}, in hex. */
    public static String newToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A copy with other limits (tests use small ones). */
    public HttpAccess withLimits(int bodyBytes, int pendingJobs) {
        return new HttpAccess(token, hostNames, assemblies, bodyBytes, pendingJobs);
    }

    /**
     * The names a {@code Host} header may give for a server bound to {@code host}: the loopback names and
     * {@code host} itself; for a wildcard address ({@code 0.0.0.0}, {@code ::}), also this machine's name and the
     * addresses of its interfaces.
     */
    static Set<String> hostNames(String host) {
        Set<String> names = new TreeSet<>(LOOPBACK);
        names.add(hostName(host));
        try {
            InetAddress bound = InetAddress.getByName(host);
            if (bound.isAnyLocalAddress()) {
                names.add(InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT));
                NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
                        .forEach(address -> names.add(hostName(address.getHostAddress().replaceFirst("%.*$", ""))));
            }
        } catch (UnknownHostException | SocketException e) {
            // Then only the loopback names and the bound name are accepted.
        }
        return names;
    }

    private static String hostName(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.contains(":") && !lower.startsWith("[") ? "[" + lower + "]" : lower;
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
