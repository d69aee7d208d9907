package io.securitycoach.standins;

/**
 * A vendor's fixed-window rate limit: at most {@code limit} requests per window; each stand-in says
 * so in its vendor's own headers.
 */
final class RateWindow {
    private final int limit;
    private final long windowMillis;
    private long start;
    private int used;

    RateWindow(int limit, long windowMillis) {
        this.limit = limit;
        this.windowMillis = windowMillis;
    }

    /** Counts a request at {@code now}: true when its window still had room for it. */
    synchronized boolean take(long now) {
        if (now >= start + windowMillis) {
            start = now;
            used = 0;
        }
        if (used < limit) {
            used++;
            return true;
        }
        return false;
    }

    int limit() {
        return limit;
    }

    synchronized int remaining() {
        return limit - used;
    }

    /** When the current window ends, in epoch milliseconds. */
    synchronized long resetsAtMillis() {
        return start + windowMillis;
    }

    /** Whole seconds (at least one) from {@code now} until the window resets. */
    long secondsToReset(long now) {
        return Math.max(1, (resetsAtMillis() - now + 999) / 1000);
    }

    /** The epoch second (rounded up) at which the window resets. */
    long resetEpochSecond() {
        return (resetsAtMillis() + 999) / 1000;
    }
}
