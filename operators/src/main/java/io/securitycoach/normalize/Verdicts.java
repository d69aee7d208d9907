package io.securitycoach.normalize;

import io.securitycoach.schema.SecurityEvent;

/**
 * Whether an event says what became of the activity: a verdict is unknown when neither its {@code
 * action} (what the control did: allowed, blocked) nor its {@code outcome} (success, failure) is
 * known. Such an event can still be coached on what the person did, but never on a result; a feed
 * where many are unknown arrives without what coaching needs (a bare Proofpoint record without its
 * array, a template without the action field).
 */
public final class Verdicts {
    private Verdicts() {}

    public static boolean isUnknown(SecurityEvent e) {
        return unknown(e.action) && unknown(e.outcome);
    }

    private static boolean unknown(String value) {
        return value == null || value.isEmpty() || "unknown".equals(value);
    }

    /** The share in percent, one decimal, of {@code unknown} among {@code events} (0 for none). */
    public static double percent(long unknown, long events) {
        return events == 0 ? 0.0 : Math.round(1000.0 * unknown / events) / 10.0;
    }
}
