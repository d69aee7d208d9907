package io.securitycoach.savepoints;

/** The org and the rest of a state key: every key the job uses starts with the org (see Keys). */
final class OrgKeys {
    static final char SEP = '\u001f';
    static final String USER_PREFIX = "u:";
    static final String IDENTITY_PREFIX = "i:";

    private OrgKeys() {}

    /** Up to the separator, or a '/' (keys such as org/vendor; org ids contain neither). */
    static String org(String key) {
        int sep = key.indexOf(SEP);
        int slash = key.indexOf('/');
        int end = sep < 0 ? slash : slash < 0 ? sep : Math.min(sep, slash);
        return end < 0 ? key : key.substring(0, end);
    }

    static String userKey(String org, String userId) {
        return org + SEP + USER_PREFIX + userId;
    }
}
