package io.securitycoach.receiver;

import java.util.Random;

/**
 * The receiver misbehaving on purpose, from a seeded random: a share of 503s, of 429s (with
 * Retry-After), and of the other answers held back past the client's timeout.
 */
final class FaultInjection {
    private final double failRate;
    private final double throttleRate;
    private final double slowRate;
    private final long slowMillis;
    private final Random random;

    FaultInjection(
            double failRate, double throttleRate, double slowRate, long slowMillis, long seed) {
        this.failRate = failRate;
        this.throttleRate = throttleRate;
        this.slowRate = slowRate;
        this.slowMillis = slowMillis;
        this.random = new Random(seed);
    }

    /** A 503 or 429 in the configured shares, or null; a share of the rest answered late. */
    Answer next() throws InterruptedException {
        int status;
        boolean slow;
        synchronized (random) {
            double roll = random.nextDouble();
            status = roll < failRate ? 503 : roll < failRate + throttleRate ? 429 : 200;
            slow = status == 200 && random.nextDouble() < slowRate;
        }
        if (slow) {
            Thread.sleep(slowMillis); // past the client's timeout: it will retry, with the same key
        }
        return status == 200
                ? null
                : new Answer(status, "{\"ok\":false,\"error\":\"injected " + status + "\"}", false);
    }
}
