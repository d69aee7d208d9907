package io.securitycoach.control;

import java.io.Serializable;

/**
 * How much control input the job takes: at most {@code maxOrgs} distinct orgs (every task of
 * normalize, detect and notify holds every org's definitions), and per org a token bucket of {@code
 * burst} updates refilled at {@code updatesPerMinute}. The default burst takes an org's whole
 * initial snapshot (500 rules, 20 parsing configurations and its settings) at once.
 */
public final class ControlQuota implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_MAX_ORGS = 10_000;
    public static final int DEFAULT_UPDATES_PER_MINUTE = 60;
    public static final int DEFAULT_BURST = 1_000;

    public final int maxOrgs;
    public final int updatesPerMinute;
    public final int burst;

    public ControlQuota(int maxOrgs, int updatesPerMinute, int burst) {
        if (maxOrgs < 1 || updatesPerMinute < 1 || burst < 1) {
            throw new IllegalArgumentException(
                    "control quota: max orgs, updates per minute and burst must be at least 1");
        }
        this.maxOrgs = maxOrgs;
        this.updatesPerMinute = updatesPerMinute;
        this.burst = burst;
    }

    public static ControlQuota defaults() {
        return new ControlQuota(DEFAULT_MAX_ORGS, DEFAULT_UPDATES_PER_MINUTE, DEFAULT_BURST);
    }
}
