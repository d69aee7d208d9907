package io.securitycoach.savepoints;

import java.io.Serializable;

/** Whose state an erasure removes: a whole org, or one person of an org. */
public final class EraseTarget implements Serializable {
    private static final long serialVersionUID = 1L;

    public final String orgId;
    /** null: the whole org. */
    public final String userId;

    private EraseTarget(String orgId, String userId) {
        this.orgId = orgId;
        this.userId = userId;
    }

    public static EraseTarget org(String orgId) {
        return new EraseTarget(require(orgId, "org"), null);
    }

    /** {@code ORG/USER_ID}; the user id may itself contain slashes. */
    public static EraseTarget user(String orgSlashUser) {
        int slash = orgSlashUser.indexOf('/');
        if (slash <= 0 || slash == orgSlashUser.length() - 1) {
            throw new IllegalArgumentException("--user: expected ORG/USER_ID, got '" + orgSlashUser + "'");
        }
        return new EraseTarget(orgSlashUser.substring(0, slash), orgSlashUser.substring(slash + 1));
    }

    /**
     * Whether a key's state goes. Keys are per user ((org, "u:" user id)) or per identity; an
     * identity belongs to the person whose id its {@code identity-owner} state holds.
     */
    boolean covers(String key, String identityOwner) {
        if (!orgId.equals(OrgKeys.org(key))) {
            return false;
        }
        return userId == null || key.equals(OrgKeys.userKey(orgId, userId)) || userId.equals(identityOwner);
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
