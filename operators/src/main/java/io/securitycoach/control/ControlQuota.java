package io.securitycoach.control;

import io.securitycoach.options.OptionValues;
import java.io.Serializable;

/**
 * How much control input the job takes: at most {@code maxOrgs} distinct orgs (every task of
 * normalize, detect and notify holds every org's definitions), and per org a token bucket of {@code
 * burst} updates refilled at {@code updatesPerMinute}. The default burst takes an org's whole
 * initial snapshot (500 rules, 20 parsing configurations and its settings) at once.
 */
public final class ControlQuota implements Serializable {
    private static final long serialVersionUID = 1L;

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

    /** The declared defaults ({@link ControlOptions}). */
    public static ControlQuota defaults() {
        return from(OptionValues.defaults());
    }

    public static ControlQuota from(OptionValues options) {
        return new ControlQuota(
                options.get(ControlOptions.MAX_ORGS),
                options.get(ControlOptions.CONTROL_UPDATES_PER_MINUTE),
                options.get(ControlOptions.CONTROL_UPDATES_BURST));
    }
}
