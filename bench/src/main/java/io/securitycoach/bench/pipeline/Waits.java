package io.securitycoach.bench.pipeline;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/** Polling helpers for the load run's phases. */
final class Waits {
    private Waits() {}

    /**
     * Polls every 20 ms until {@code done}; fails after {@code timeoutMillis}, naming {@code what}.
     */
    static void until(BooleanSupplier done, long timeoutMillis, String what)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    /**
     * Waits until {@code value} has not changed for {@code quietMillis}; returns the last value.
     */
    static long settled(LongSupplier value, long quietMillis, long timeoutMillis)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        long last = value.getAsLong();
        long changed = System.currentTimeMillis();
        while (System.currentTimeMillis() - changed < quietMillis
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            long now = value.getAsLong();
            if (now != last) {
                last = now;
                changed = System.currentTimeMillis();
            }
        }
        return last;
    }
}
