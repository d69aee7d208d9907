package io.securitycoach.notify;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.apache.hc.core5.net.InetAddressUtils;

/**
 * Keeps destinations on the public internet (SSRF): http(s) only, the name resolved once and every
 * address checked ({@link AddressPolicy}); the addresses that passed are pinned in {@link
 * PinnedDns}, the only place the HTTP client learns addresses from, so it connects to exactly what
 * was checked. The operator's allow-list holds exact origins ({@code scheme://host:port}) and
 * applies only to endpoints the operator configured (the receiver, the status webhook), never to an
 * org's destination.
 */
public final class DestinationGuard {
    private final Set<String> operatorOrigins;

    /** Hosts of the allow-listed origins: an org's destination naming one is refused outright. */
    private final Set<String> operatorHosts;

    private final Function<InetAddress, String> policy;
    private final PinnedDns pins;

    public DestinationGuard(Collection<String> operatorOrigins, PinnedDns pins) {
        this(operatorOrigins, pins, AddressPolicy::refusal);
    }

    /**
     * @param policy null for an address that may be called, else why not (tests narrow what counts
     *     as public)
     */
    public DestinationGuard(
            Collection<String> operatorOrigins,
            PinnedDns pins,
            Function<InetAddress, String> policy) {
        this.operatorOrigins = new HashSet<>();
        this.operatorHosts = new HashSet<>();
        for (String origin : operatorOrigins) {
            URI uri = URI.create(requireOrigin(origin));
            this.operatorOrigins.add(origin(uri));
            this.operatorHosts.add(PinnedDns.key(uri.getHost()));
        }
        this.pins = pins;
        this.policy = policy;
    }

    /** A refused destination; the message says why (for the delivery status), never a secret. */
    public static final class RefusedException extends RuntimeException {
        public RefusedException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Resolves the destination's host once, checks every address and pins those that pass.
     * Completes when the destination may be called, else exceptionally with a {@link
     * RefusedException}.
     *
     * @param operatorEndpoint true only for endpoints from the operator's configuration
     */
    public CompletableFuture<Void> check(URI uri, boolean operatorEndpoint, HostLookups lookups) {
        String early = uriRefusal(uri);
        if (early != null) {
            return CompletableFuture.failedFuture(new RefusedException(early));
        }
        boolean allowListed = operatorEndpoint && operatorOrigins.contains(origin(uri));
        String host = PinnedDns.key(uri.getHost());
        if (!operatorEndpoint && operatorHosts.contains(host)) {
            // Its pinned addresses were never checked: an org must not share them, whatever the
            // port.
            return CompletableFuture.failedFuture(
                    new RefusedException(
                            "destination host "
                                    + host
                                    + " is reserved for the operator's own endpoints"));
        }
        return addresses(host, lookups)
                .handle(
                        (addresses, error) -> {
                            if (error != null) {
                                throw new RefusedException(lookupFailure(host, error));
                            }
                            String refused = allowListed ? null : refusal(host, addresses);
                            if (refused != null) {
                                throw new RefusedException(refused);
                            }
                            pins.pin(host, addresses);
                            return null;
                        });
    }

    private static CompletableFuture<InetAddress[]> addresses(String host, HostLookups lookups) {
        if (InetAddressUtils.isIPv4(host) || InetAddressUtils.isIPv6(host)) {
            try {
                return CompletableFuture.completedFuture(
                        new InetAddress[] {InetAddress.getByName(host)}); // no DNS
            } catch (UnknownHostException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return lookups.lookup(host);
    }

    private String refusal(String host, InetAddress[] addresses) {
        if (addresses.length == 0) {
            return "destination host " + host + " does not resolve";
        }
        for (InetAddress address : addresses) {
            String kind = policy.apply(address);
            if (kind != null) {
                return "destination " + host + " resolves to a non-public address (" + kind + ")";
            }
        }
        return null;
    }

    private static String lookupFailure(String host, Throwable error) {
        Throwable cause =
                error instanceof CompletionException && error.getCause() != null
                        ? error.getCause()
                        : error;
        return cause instanceof UnknownHostException
                ? "destination host " + host + " does not resolve"
                : "destination host "
                        + host
                        + " could not be checked ("
                        + cause.getClass().getSimpleName()
                        + ")";
    }

    /** Why not from the URI alone (scheme, host), else null. */
    private static String uriRefusal(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return "destination scheme must be http or https";
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return "destination has no host";
        }
        if (uri.getRawUserInfo() != null) {
            return "destination must not carry user info";
        }
        return null;
    }

    /** {@code scheme://host:port} with the default port made explicit. */
    static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        return scheme + "://" + PinnedDns.key(uri.getHost()) + ":" + port;
    }

    /**
     * An allow-list entry must be exactly an origin: no path, query or user info, an explicit port.
     */
    public static String requireOrigin(String entry) {
        URI uri;
        try {
            uri = URI.create(entry.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("allow-list entry '" + entry + "' is not a URL");
        }
        boolean exact =
                uri.getScheme() != null
                        && uri.getHost() != null
                        && uri.getPort() > 0
                        && uri.getRawUserInfo() == null
                        && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                        && uri.getRawQuery() == null
                        && uri.getRawFragment() == null
                        && uriRefusal(uri) == null;
        if (!exact) {
            throw new IllegalArgumentException(
                    "allow-list entry '"
                            + entry
                            + "' must be exactly scheme://host:port (http or https, explicit port,"
                            + " no path)");
        }
        return entry.trim();
    }
}
