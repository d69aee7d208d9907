package io.securitycoach.savepoints;

/** One entry of an operator's broadcast state, serialized with the state's serializers. */
public class BroadcastCell {
    public String operatorUid;
    public String state;

    /** The org the entry belongs to; null for job-wide entries (the "ready" flags). */
    public String orgId;

    public byte[] key;
    public byte[] value;

    public BroadcastCell() {}

    /**
     * Rules and parsers are keyed {@code org/name}, org settings by the org; the rest is job-wide.
     */
    static String orgOf(String state, String key) {
        switch (state) {
            case "rules":
            case "parsers":
                return key.substring(0, Math.max(0, key.indexOf('/')));
            case "org-settings":
            case "org-feed-settings":
                return key;
            default:
                return null;
        }
    }
}
