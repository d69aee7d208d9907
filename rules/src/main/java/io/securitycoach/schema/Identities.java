package io.securitycoach.schema;

import java.util.List;
import java.util.Locale;

/**
 * How identities are normalized so that a vendor's spelling of a user and the directory's meet:
 * trimmed and lower-cased; {@code DOMAIN\\user} also yields the bare user name.
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

    static void addNormalized(List<String> into, String identity) {
        String n = normalize(identity);
        if (n != null && !into.contains(n)) {
            into.add(n);
        }
    }

    /** The key the resolver looks an event up under: its email if it has one, else its user name. */
    public static String lookupKey(SecurityEvent event) {
        String email = normalize(event.actorEmail);
        if (email != null) {
            return email;
        }
        String user = normalize(event.actorUserName);
        if (user == null) {
            return null;
        }
        String domain = normalize(event.actorDomain);
        return domain == null ? user : domain + "\\" + user;
    }
}
