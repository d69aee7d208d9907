package io.securitycoach.savepoints;

import java.io.Serializable;
import java.util.Set;
import java.util.TreeSet;

/** Whose state an erasure removes: a whole org, or one person of an org. */
public final class EraseTarget implements Serializable {
    private static final long serialVersionUID = 1L;

    public final String orgId;

    /** null: the whole org. */
    public final String userId;

    /** The person's identities (email, aliases), whose keys are theirs too. */
    private final TreeSet<String> identities = new TreeSet<>();

    private EraseTarget(String orgId, String userId) {
        this.orgId = orgId;
        this.userId = userId;
    }

    /** The same person with the identities the directory knows them by. */
    EraseTarget withIdentities(Set<String> known) {
        EraseTarget t = new EraseTarget(orgId, userId);
        t.identities.addAll(identities);
        t.identities.addAll(known);
        return t;
    }

    public static EraseTarget org(String orgId) {
        return new EraseTarget(require(orgId, "org"), null);
    }

    /** {@code ORG/USER_ID}; the user id may itself contain slashes. */
    public static EraseTarget user(String orgSlashUser) {
        int slash = orgSlashUser.indexOf('/');
        if (slash <= 0 || slash == orgSlashUser.length() - 1) {
            throw new IllegalArgumentException(
                    "--user: expected ORG/USER_ID, got '" + orgSlashUser + "'");
        }
        return new EraseTarget(orgSlashUser.substring(0, slash), orgSlashUser.substring(slash + 1));
    }

    /**
     * Whether a key's state goes. Keys are per user (org, "u:" user id), per identity (org,
     * identity) or per unresolved identity (org, "i:" identity); an identity is the person's when
     * the directory lists it for them or its {@code identity-owner} state names them.
     */
    boolean covers(String key, String identityOwner) {
        if (!orgId.equals(OrgKeys.org(key))) {
            return false;
        }
        if (userId == null
                || key.equals(OrgKeys.userKey(orgId, userId))
                || userId.equals(identityOwner)) {
            return true;
        }
        String rest = key.substring(orgId.length() + 1);
        return identities.contains(
                rest.startsWith(OrgKeys.IDENTITY_PREFIX)
                        ? rest.substring(OrgKeys.IDENTITY_PREFIX.length())
                        : rest);
    }

    boolean coversOrg(String org) {
        return userId == null && orgId.equals(org);
    }

    @Override
    public String toString() {
        return userId == null ? "org " + orgId : "user " + orgId + "/" + userId;
    }

    private static String require(String value, String what) {
        if (value == null || value.isBlank() || value.indexOf(OrgKeys.SEP) >= 0) {
            throw new IllegalArgumentException("--" + what + ": missing or invalid");
        }
        return value;
    }
}
