package io.securitycoach.bench.pipeline;

import io.securitycoach.local.generate.EventGenerator;
import java.io.Serializable;

/**
 * The standard workload's knobs: who, how many, how risky. Record n depends only on these and n.
 */
public final class Workload implements Serializable {
    private static final long serialVersionUID = 1L;

    public int orgs = 100;
    public int usersPerOrg = 10_000;
    public long events = 2_000_000;
    public int rulesPerOrg = 10;

    /**
     * When set, this many rules in all, spread over the orgs (the first orgs get one more): for
     * sweeps.
     */
    public Long totalRules;

    public double risky = 0.0015;
    public double malformed = 0.001;

    /**
     * Events per second of event time in the pre-generated files (the vendors' clocks, not the
     * run's).
     */
    public double eventTimeRate = 50;

    public long seed = 42;

    /**
     * The reduced standard workload of {@code --quick}: same shapes and ratios, a tenth of the
     * size.
     */
    public static Workload quick() {
        Workload w = new Workload();
        w.orgs = 10;
        w.usersPerOrg = 10_000;
        w.events = 200_000;
        return w;
    }

    public long users() {
        return (long) orgs * usersPerOrg;
    }

    public long rules() {
        return totalRules != null ? totalRules : (long) orgs * rulesPerOrg;
    }

    /** Rules of org {@code o}. */
    public int rulesOf(int o) {
        if (totalRules == null) {
            return rulesPerOrg;
        }
        return (int) (totalRules / orgs + (o < totalRules % orgs ? 1 : 0));
    }

    /** The generator of the pre-generated files: their event times end at {@code endMillis}. */
    public EventGenerator generator(long endMillis) {
        long start = endMillis - (long) (events / eventTimeRate * 1000);
        return new EventGenerator(orgs, usersPerOrg, risky, malformed, seed, start, eventTimeRate);
    }

    /** The generator of a latency run: event time starts now at {@code eventsPerSecond}. */
    public EventGenerator liveGenerator(long startMillis, double eventsPerSecond) {
        return new EventGenerator(
                orgs, usersPerOrg, risky, malformed, seed + 1, startMillis, eventsPerSecond);
    }
}
