package io.securitycoach.notify;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Which addresses a customer destination may have: global unicast only. IPv4 special-purpose ranges
 * (RFC 6890) are refused, and an IPv4 address carried inside an IPv6 one (mapped, compatible,
 * NAT64, 6to4, Teredo) is decoded and judged as IPv4, so {@code ::7f00:1} is loopback.
 */
public final class AddressPolicy {
    /** IPv4 ranges that are not global unicast: network, prefix length, name. */
    private static final Object[][] IPV4_REFUSED = {
        {"0.0.0.0", 8, "this-network"},
        {"10.0.0.0", 8, "private"},
        {"100.64.0.0", 10, "carrier-grade NAT"},
        {"127.0.0.0", 8, "loopback"},
        {"169.254.0.0", 16, "link-local"},
        {"172.16.0.0", 12, "private"},
        {"192.0.0.0", 24, "IETF protocol assignments"},
        {"192.0.2.0", 24, "documentation"},
        {"192.168.0.0", 16, "private"},
        {"198.18.0.0", 15, "benchmarking"},
        {"198.51.100.0", 24, "documentation"},
        {"203.0.113.0", 24, "documentation"},
        {"224.0.0.0", 4, "multicast"},
        {"240.0.0.0", 4, "reserved or broadcast"},
    };

    private AddressPolicy() {}

    /**
     * Null when the address is global unicast, else the kind of address it is (for the refusal
     * reason).
     */
    public static String refusal(InetAddress address) {
        byte[] b = address.getAddress();
        return address instanceof Inet4Address ? ipv4Refusal(toInt(b, 0)) : ipv6Refusal(b);
    }

    private static String ipv4Refusal(int ip) {
        for (Object[] range : IPV4_REFUSED) {
            int prefix = (Integer) range[1];
            int mask = -1 << (32 - prefix);
            if ((ip & mask) == (parse((String) range[0]) & mask)) {
                return (String) range[2];
            }
        }
        return null;
    }

    private static String ipv6Refusal(byte[] b) {
        if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return embedded("IPv4-mapped", toInt(b, 12));
        }
        if (allZero(b, 0, 12)) {
            return embedded("IPv4-compatible", toInt(b, 12)); // also :: (0.0.0.0) and ::1 (0.0.0.1)
        }
        int first16 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        if (first16 == 0x0064 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            return allZero(b, 4, 12) ? embedded("NAT64", toInt(b, 12)) : "local-use NAT64";
        }
        if (first16 == 0x2002) {
            return embedded("6to4", toInt(b, 2));
        }
        if (first16 == 0x2001 && b[2] == 0 && b[3] == 0) {
            String server = embedded("Teredo server", toInt(b, 4));
            return server != null ? server : embedded("Teredo client", ~toInt(b, 12));
        }
        return ipv6RangeRefusal(b, first16);
    }

    private static String ipv6RangeRefusal(byte[] b, int first16) {
        if ((first16 & 0xe000) != 0x2000) {
            return "not global unicast IPv6 (loopback, link-local, unique-local, multicast or"
                    + " reserved)";
        }
        int second16 = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        if (first16 == 0x2001 && second16 == 0x0db8 || (first16 & 0xfff0) == 0x3ff0) {
            return "documentation IPv6";
        }
        if (first16 == 0x2001
                && (second16 == 0x0002 && b[4] == 0 && b[5] == 0
                        || (second16 & 0xfff0) == 0x0010
                        || (second16 & 0xfff0) == 0x0020)) {
            return "benchmarking or ORCHID IPv6";
        }
        return null;
    }

    private static String embedded(String form, int ipv4) {
        String inner = ipv4Refusal(ipv4);
        return inner == null ? null : form + " " + inner;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int toInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24)
                | ((b[at + 1] & 0xff) << 16)
                | ((b[at + 2] & 0xff) << 8)
                | (b[at + 3] & 0xff);
    }

    private static int parse(String dotted) {
        String[] parts = dotted.split("\\.");
        int ip = 0;
        for (String p : parts) {
            ip = (ip << 8) | Integer.parseInt(p);
        }
        return ip;
    }
}
