package io.securitycoach.savepoints;

/** The org and the rest of a state key: every key the job uses starts with the org (see Keys). */
final class OrgKeys {
    static final char SEP = '\u001f';
    static final String USER_PREFIX = "u:";
    static final String IDENTITY_PREFIX = "i:";

    private OrgKeys() {}

    static String org(String key) {
        int sep = key.indexOf(SEP);
        return sep < 0 ? key : key.substring(0, sep);
    }

    static String userKey(String org, String userId) {
        return org + SEP + USER_PREFIX + userId;
    }
}
