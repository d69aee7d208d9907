package io.securitycoach.normalize;

import io.securitycoach.schema.SecurityEvent;
import java.util.Locale;

/**
 * Actors that are machines, for every vendor: an IP address where a person's name belongs, an API
 * client ({@code API:...}, {@code api-client-id:...}), a Windows service or machine account ({@link
 * ServiceAccounts}). Such an event names nobody to coach: it becomes a {@code platform_event}, not
 * an event for a "person" who does not exist. Vendors that type their actors (Okta, Graph) also
 * check the type where they read it.
 */
public final class MachineActors {
    private MachineActors() {}

    /** Why the event's actor is not a person, or null when it may be one. */
    public static String why(SecurityEvent e) {
        if (e.actorEmail != null) {
            return null;
        }
        String name = e.actorUserName;
        if (name == null) {
            return null;
        }
        if (isIpAddress(name)) {
            return "the actor is the IP address " + name;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("api:") || lower.startsWith("api-client-id")) {
            return "the actor is the API client " + name;
        }
        return ServiceAccounts.isServiceAccount(name, e.actorDomain)
                ? "the actor is the service account " + name
                : null;
    }

    /** A dotted IPv4 address, or an IPv6 address (hex groups and colons, at least two colons). */
    public static boolean isIpAddress(String s) {
        String t = s.trim();
        return isIpv4(t) || isIpv6(t);
    }

    private static boolean isIpv4(String t) {
        if (t.isEmpty() || !Character.isDigit(t.charAt(0)) || t.indexOf('.') < 0) {
            return false; // most names: no split, no arrays
        }
        String[] parts = t.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty()
                    || part.length() > 3
                    || !part.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv6(String t) {
        int colons = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == ':') {
                colons++;
            } else if (Character.digit(c, 16) < 0 && c != '.') {
                return false;
            }
        }
        return colons >= 2 && t.length() <= 45;
    }
}
