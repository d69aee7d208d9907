package io.securitycoach.normalize;

import io.securitycoach.schema.Identities;
import io.securitycoach.schema.SecurityEvent;
import java.util.Locale;

/**
 * Reads a vendor's spelling of a person into the actor fields: {@code DOMAIN\\user} becomes domain
 * + user name, {@code name@domain} an email (lower-cased), a name with spaces a display name,
 * anything else a user name. An Entra B2B guest's {@code name_domain#EXT#@tenant} is the guest's
 * own address. A trailing backslash (an export's escaping gone wrong, {@code jo@acme.com\\}) is no
 * part of any name and is dropped.
 */
public final class ActorIdentity {
    private ActorIdentity() {}

    public static void assign(String identity, SecurityEvent out) {
        if (identity == null || identity.isBlank()) {
            return;
        }
        String id = Identities.decodeGuest(stripTrailingBackslashes(identity.trim()));
        if (id.isEmpty()) {
            return;
        }
        int backslash = id.indexOf('\\');
        if (backslash > 0 && backslash < id.length() - 1) {
            out.actorDomain = id.substring(0, backslash);
            out.actorUserName = id.substring(backslash + 1);
        } else if (id.indexOf('@') > 0
                && id.indexOf('@') < id.length() - 1
                && id.indexOf(' ') < 0) {
            out.actorEmail = id.toLowerCase(Locale.ROOT);
            out.actorUserName = id.substring(0, id.indexOf('@'));
        } else if (id.indexOf(' ') > 0) {
            out.actorDisplayName =
                    id; // "Alice Martin" is nobody's user name, and not unique enough to resolve
        } else {
            out.actorUserName = id;
        }
    }

    private static String stripTrailingBackslashes(String id) {
        int end = id.length();
        while (end > 0
                && (id.charAt(end - 1) == '\\' || Character.isWhitespace(id.charAt(end - 1)))) {
            end--;
        }
        return end == id.length() ? id : id.substring(0, end);
    }
}
