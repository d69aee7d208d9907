package io.securitycoach.rules;

import io.securitycoach.schema.Hashes;

/**
 * What a rule's progress keeps of an event, bounded in bytes whatever the event holds: a {@code
 * distinct} value as a 128-bit hash (32 hex characters) instead of the value, and an event uid of
 * at most {@link #MAX_UID_CHARS} characters as it is, a longer one as {@code sha256:} and its hash.
 * Two values with the same hash count once; at 128 bits, among the at most {@link
 * RuleEngine#MAX_ENTRIES} values of a window, that is not expected to happen by chance (and only a
 * tenant's own rule can be affected by values it sends).
 */
public final class ProgressEntries {
    public static final int HASH_BYTES = 16;
    public static final int MAX_UID_CHARS = 128;
    private static final String LONG_UID = "sha256:";

    /**
     * The most bytes one entry takes in a checkpoint: time, step, uid and hash (Flink writes a
     * string's length and at most 3 bytes per character).
     */
    public static final int MAX_ENTRY_BYTES =
            8 + 4 + (5 + 3 * MAX_UID_CHARS) + (5 + 2 * HASH_BYTES);

    private ProgressEntries() {}

    /** The hash that stands for a distinct value in progress. */
    static String distinctHash(String value) {
        return Hashes.sha256Hex(value, HASH_BYTES);
    }

    /** The uid as progress keeps it. */
    static String uid(String eventUid) {
        if (eventUid == null || eventUid.length() <= MAX_UID_CHARS) {
            return eventUid;
        }
        return LONG_UID + Hashes.sha256Hex(eventUid, HASH_BYTES);
    }

    /**
     * Progress written before distinct values were hashed (state layouts up to 3) holds the values
     * themselves: they are hashed now, so they count together with the values that follow.
     */
    static void hashLegacyValues(RuleProgress p) {
        if (p.valuesHashed) {
            return;
        }
        for (int i = 0; i < p.values.length; i++) {
            if (p.values[i] != null) {
                p.values[i] = distinctHash(p.values[i]);
            }
        }
        p.valuesHashed = true;
    }
}
