package io.securitycoach.normalize;

import java.util.List;

/**
 * Accounts that are not people: Windows' built-in service identities, machine accounts ({@code
 * HOST$}) and the like. An alert whose only account is one of these has nobody to coach.
 */
public final class ServiceAccounts {
    private static final List<String> NAMES =
            List.of(
                    "system",
                    "local service",
                    "network service",
                    "localsystem",
                    "anonymous logon",
                    "dwm-1",
                    "umfd-0",
                    "umfd-1",
                    "root");
    private static final List<String> DOMAINS =
            List.of("nt authority", "font driver host", "window manager", "nt service");

    private ServiceAccounts() {}

    public static boolean isServiceAccount(String name, String domain) {
        if (name == null) {
            return false;
        }
        String n = name.trim();
        int backslash = n.indexOf('\\');
        if (backslash >= 0) {
            return isServiceAccount(n.substring(backslash + 1), n.substring(0, backslash));
        }
        return n.endsWith("$")
                || oneOf(n, NAMES)
                || domain != null && oneOf(domain.trim(), DOMAINS);
    }

    /**
     * Case-insensitive membership without a lower-cased copy of every account name (lengths differ
     * first).
     */
    private static boolean oneOf(String value, List<String> lowerCaseNames) {
        for (String candidate : lowerCaseNames) {
            if (candidate.equalsIgnoreCase(value)) {
                return true;
            }
        }
        return false;
    }
}
