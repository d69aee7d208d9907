package io.securitycoach.util;

import io.securitycoach.records.DirectoryUpdate;
import io.securitycoach.records.Notification;
import io.securitycoach.records.UserRecord;
import io.securitycoach.rules.Detection;
import io.securitycoach.schema.SecurityEvent;

/**
 * The keys the stages partition by, always prefixed by the org so that two tenants' identities and
 * users can never share state.
 */
public final class Keys {
    private static final char SEP = '\u001f';

    private Keys() {}

    /** Resolve stage: (org, identity). */
    public static String identity(SecurityEvent e) {
        return e.orgId + SEP + e.identityKey;
    }

    public static String identity(DirectoryUpdate u) {
        return u.orgId + SEP + u.identity;
    }

    /**
     * Enrich and detect stages: (org, user id), or (org, identity) for events nobody in the
     * directory matches, so their per-user state (suppression) still belongs to one person.
     */
    public static String user(SecurityEvent e) {
        return e.userId != null
                ? e.orgId + SEP + "u:" + e.userId
                : e.orgId + SEP + "i:" + e.identityKey;
    }

    public static String user(Detection d) {
        return d.userId != null
                ? d.orgId + SEP + "u:" + d.userId
                : d.orgId + SEP + "i:" + d.identityKey;
    }

    public static String user(UserRecord r) {
        return r.orgId + SEP + "u:" + r.userId;
    }

    /**
     * Notify fair shares: one destination, as the planner names it (org, channel, the org's
     * destination reference, never its value); the org first, as in every key.
     */
    public static String destination(Notification n) {
        return n.orgId + "/" + n.channel + "/" + (n.destinationRef == null ? "" : n.destinationRef);
    }
}
