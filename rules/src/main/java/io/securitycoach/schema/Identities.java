package io.securitycoach.schema;

import java.util.List;
import java.util.Locale;

/**
 * How identities are normalized so that a vendor's spelling of a user and the directory's meet:
 * trimmed and lower-cased (whitespace only is no identity); {@code DOMAIN\\user} also yields the
 * bare user name; an Entra B2B guest ({@code name_domain#EXT#@tenant}) is the guest's own address;
 * an address in one of the org's other verified domains ({@code fli@corp.example.com}) is its user
 * name.
 */
public final class Identities {
    private Identities() {}

    public static String normalize(String identity) {
        if (identity == null) {
            return null;
        }
        String trimmed = identity.trim();
        return trimmed.isEmpty() ? null : trimmed.toLowerCase(Locale.ROOT);
    }

    /**
     * {@code rita.moss_partner.example#EXT#@acme.onmicrosoft.com} to {@code
     * rita.moss@partner.example}; else as given.
     */
    public static String decodeGuest(String address) {
        int ext = address == null ? -1 : address.indexOf('#');
        while (ext >= 0 && !address.regionMatches(true, ext, "#EXT#", 0, 5)) {
            ext =
                    address.indexOf(
                            '#',
                            ext + 1); // no upper-cased copy per event: most addresses have no '#'
        }
        if (ext <= 0) {
            return address;
        }
        String local = address.substring(0, ext);
        int underscore = local.lastIndexOf('_'); // domains have no '_': the last one stood for '@'
        return underscore > 0 && underscore < local.length() - 1
                ? local.substring(0, underscore) + "@" + local.substring(underscore + 1)
                : address;
    }

    public static void addNormalized(List<String> into, String identity) {
        String n = normalize(identity);
        if (n != null && !into.contains(n)) {
            into.add(n);
        }
    }

    /**
     * The key the resolver looks an event up under: its email if it has one, else its user name.
     */
    public static String lookupKey(SecurityEvent event) {
        return lookupKey(event, List.of());
    }

    /**
     * As {@link #lookupKey(SecurityEvent)}, for an org whose verified domains are {@code
     * orgDomains} (the first its primary email domain): an address in another of them is looked up
     * by its user name, so {@code fli@corp.example.com} finds the directory alias {@code fli} only
     * when corp.example.com is the org's.
     */
    public static String lookupKey(SecurityEvent event, List<String> orgDomains) {
        String email = normalize(event.actorEmail);
        if (email != null) {
            int at = email.lastIndexOf('@');
            boolean otherVerified =
                    orgDomains.size() > 1
                            && at > 0
                            && orgDomains.indexOf(email.substring(at + 1)) > 0;
            return otherVerified ? email.substring(0, at) : email;
        }
        String user = normalize(event.actorUserName);
        if (user == null) {
            return null;
        }
        String domain = normalize(event.actorDomain);
        return domain == null ? user : domain + "\\" + user;
    }
}
