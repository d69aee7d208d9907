package io.securitycoach.control;

/** How much of the control state one org may hold: every task holds every org's definitions. */
public final class ControlLimits {
    /** Rules per org unless the job configures otherwise ({@code Job.max-rules-per-org}). */
    public static final int MAX_RULES_PER_ORG = 500;

    /** Parsing configurations per org. */
    public static final int MAX_PARSERS_PER_ORG = 20;

    private ControlLimits() {}
}
