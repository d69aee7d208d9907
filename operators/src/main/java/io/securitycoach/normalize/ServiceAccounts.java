package io.securitycoach.normalize;

import java.util.Locale;
import java.util.Set;

/**
 * Accounts that are not people: Windows' built-in service identities, machine accounts ({@code HOST$})
 * and the like. An alert whose only account is one of these has nobody to coach.
 */
public final class ServiceAccounts {
    private static final Set<String> NAMES = Set.of("system", "local service", "network service", "localsystem",
            "anonymous logon", "dwm-1", "umfd-0", "umfd-1", "root");
    private static final Set<String> DOMAINS = Set.of("nt authority", "font driver host", "window manager",
            "nt service");

    private ServiceAccounts() {}

    public static boolean isServiceAccount(String name, String domain) {
        if (name == null) {
            return false;
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        int backslash = n.indexOf('\\');
        if (backslash >= 0) {
            return isServiceAccount(n.substring(backslash + 1), n.substring(0, backslash));
        }
        return NAMES.contains(n) || n.endsWith("$")
                || domain != null && DOMAINS.contains(domain.trim().toLowerCase(Locale.ROOT));
    }
}
