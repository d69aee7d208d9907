package io.securitycoach.notify;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

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

    /** @return null when the destination may be called, else why not */
    public String refusal(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return "destination scheme must be http or https";
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            return "destination has no host";
        }
        if (allowedPrivateHosts.contains(host.toLowerCase(Locale.ROOT))) {
            return null;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (isInternal(address)) {
                    return "destination " + host + " resolves to a non-public address";
                }
            }
            return null;
        } catch (UnknownHostException e) {
            return "destination host " + host + " does not resolve";
        }
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
