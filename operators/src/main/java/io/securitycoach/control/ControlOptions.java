package io.securitycoach.control;

import io.securitycoach.options.Option;
import io.securitycoach.options.OptionGroup;

/**
 * How much control input the job takes (part of the {@code Rules} group, read by {@link
 * ControlQuota}).
 */
public final class ControlOptions {
    public static final OptionGroup RULES = new OptionGroup("Rules");

    public static final Option<Integer> MAX_ORGS =
            RULES.integer(
                    "max-orgs",
                    "10000",
                    "The control intake takes control input for at most this many distinct orgs;"
                            + " a message for one more is answered org_limit.");

    public static final Option<Integer> CONTROL_UPDATES_PER_MINUTE =
            RULES.integer(
                    "control-updates.per-minute",
                    "60",
                    "Each org's control updates refill at this rate (a token bucket); an update"
                            + " beyond it is answered rate_limited and not applied.");

    public static final Option<Integer> CONTROL_UPDATES_BURST =
            RULES.integer(
                    "control-updates.burst",
                    "1000",
                    "How many control updates an org may send at once (its bucket's size): at"
                            + " least a whole org's rules, parsers and settings.");

    private ControlOptions() {}
}
