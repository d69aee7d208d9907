package io.securitycoach.receiver;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How often each idempotency key was delivered: the first delivery is shown, repeats are answered
 * but not shown.
 */
final class IdempotencyLedger {
    private final Map<String, AtomicInteger> deliveriesByKey = new ConcurrentHashMap<>();

    /**
     * Counts a delivery; true when it repeats a key already delivered (a delivery without a key
     * never does).
     */
    boolean isRepeat(String key) {
        return key != null
                && deliveriesByKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet()
                        > 1;
    }

    Map<String, Integer> countsByKey() {
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        deliveriesByKey.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }
}
