package io.securitycoach.notify;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Keeps customer destinations on the public internet (SSRF): http(s) only, and no host that
 * resolves to a loopback, private, link-local, multicast or unspecified address, unless the host is
 * on the operator's explicit allow-list (the local receiver in development).
 */
public final class DestinationGuard {
    private final Set<String> allowedPrivateHosts;

    public DestinationGuard(Set<String> allowedPrivateHosts) {
        this.allowedPrivateHosts = allowedPrivateHosts;
    }

    /** @return null when the destination may be called, else why not (resolves the name on this thread) */
    public String refusal(URI uri) {
        String early = uriRefusal(uri);
        if (early != null || allowListed(uri)) {
            return early;
        }
        try {
            return refusal(uri.getHost(), InetAddress.getAllByName(uri.getHost()));
        } catch (UnknownHostException e) {
            return doesNotResolve(uri.getHost());
        }
    }

    /** The same check with the name resolved by {@code lookups}: completes with null or why not, never fails. */
    public CompletableFuture<String> refusal(URI uri, HostLookups lookups) {
        String early = uriRefusal(uri);
        if (early != null || allowListed(uri)) {
            return CompletableFuture.completedFuture(early);
        }
        String host = uri.getHost();
        return lookups.lookup(host).handle((addresses, error) -> {
            if (error == null) {
                return refusal(host, addresses);
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            return cause instanceof UnknownHostException ? doesNotResolve(host)
                    : "destination host " + host + " could not be checked (" + cause.getClass().getSimpleName() + ")";
        });
    }

    /** Why not from the URI alone (scheme, host), else null. */
    private static String uriRefusal(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return "destination scheme must be http or https";
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            return "destination has no host";
        }
        return null;
    }

    private boolean allowListed(URI uri) {
        return allowedPrivateHosts.contains(uri.getHost().toLowerCase(Locale.ROOT));
    }

    private static String refusal(String host, InetAddress[] addresses) {
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                return "destination " + host + " resolves to a non-public address";
            }
        }
        return null;
    }

    private static String doesNotResolve(String host) {
        return "destination host " + host + " does not resolve";
    }

    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // unique local fc00::/7
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT 100.64/10
                || (first == 169 && second == 254);
    }
}
