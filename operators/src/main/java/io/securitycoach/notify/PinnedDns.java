package io.securitycoach.notify;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The HTTP client's only source of addresses: those {@link DestinationGuard} resolved and checked.
 * It never asks DNS itself, so a name that resolves elsewhere between the check and the connection
 * (DNS rebinding) cannot lead the client anywhere unchecked; an unpinned name fails to connect.
 */
public final class PinnedDns implements DnsResolver {
    private final Cache<String, InetAddress[]> checked;

    /**
     * @param keep how long a checked answer may serve connections (each attempt checks again
     *     anyway)
     */
    public PinnedDns(Duration keep) {
        this.checked = Caffeine.newBuilder().expireAfterWrite(keep).maximumSize(100_000).build();
    }

    /** The host as the client names it: lower case, IPv6 literals without brackets. */
    static String key(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    void pin(String host, InetAddress[] addresses) {
        checked.put(key(host), addresses.clone());
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = checked.getIfPresent(key(host));
        if (addresses == null) {
            throw new UnknownHostException(host + " was not checked by the destination guard");
        }
        return addresses.clone();
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        return host; // no reverse lookups: the name checked is the name used
    }
}
