package io.securitycoach.testing;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waits for a condition instead of sleeping for a guessed time: polls it (every few milliseconds at
 * first, then every 100 ms) until it holds, and fails with what was awaited and the state seen last
 * when the timeout passes. A check may throw to stop early (e.g. the job failed). An expensive
 * check (reading a whole audit trail from S3) can be polled less often with {@link #until(String,
 * Duration, Duration, Check, Supplier)}.
 */
public final class Await {
    private static final long FIRST_POLL_MILLIS = 5;
    private static final Duration MAX_POLL = Duration.ofMillis(100);

    private Await() {}

    /** A condition to poll; may throw to end the wait with that failure. */
    @FunctionalInterface
    public interface Check {
        boolean holds() throws Exception;
    }

    /** Finds a value, or null while there is none yet. */
    @FunctionalInterface
    public interface Probe<T> {
        T find() throws Exception;
    }

    public static void until(String what, Duration timeout, Check check) throws Exception {
        until(what, timeout, check, () -> "");
    }

    /**
     * @param state what the failure message reports besides {@code what} (e.g. counts seen so far)
     */
    public static void until(String what, Duration timeout, Check check, Supplier<String> state)
            throws Exception {
        until(what, timeout, MAX_POLL, check, state);
    }

    /**
     * @param maxPoll the longest pause between two checks
     */
    public static void until(
            String what, Duration timeout, Duration maxPoll, Check check, Supplier<String> state)
            throws Exception {
        poll(what, timeout, maxPoll, () -> check.holds() ? Boolean.TRUE : null, state);
    }

    /** The first non-null value the probe finds within the timeout. */
    public static <T> T value(String what, Duration timeout, Probe<T> probe, Supplier<String> state)
            throws Exception {
        return poll(what, timeout, MAX_POLL, probe, state);
    }

    private static <T> T poll(
            String what, Duration timeout, Duration maxPoll, Probe<T> probe, Supplier<String> state)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_POLL_MILLIS;
        while (true) {
            T found = probe.find();
            if (found != null) {
                return found;
            }
            if (System.nanoTime() - deadline > 0) {
                String seen = state.get();
                throw new AssertionError(
                        what
                                + ": not reached within "
                                + timeout.toMillis()
                                + " ms"
                                + (seen.isEmpty() ? "" : "; " + seen));
            }
            Thread.sleep(pause); // the poll interval, not a guess at how long the work takes
            pause = Math.min(maxPoll.toMillis(), pause * 2);
        }
    }
}
