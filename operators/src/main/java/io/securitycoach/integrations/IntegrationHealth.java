package io.securitycoach.integrations;

/**
 * How an integration fetches, as reported on the status stream ({@code integration_health}): a
 * status when a problem starts and when it ends, never one per poll. Auth, permission and SSRF
 * refusals are reported at once; rate limiting and vendor errors once they last {@link
 * #FAILURES_TO_REPORT} polls (a single 429 or 503 is routine); lagging once the integration has not
 * caught up with the vendor for longer than the configured lag.
 */
public final class IntegrationHealth {
    public static final String NEW = "new";
    public static final String HEALTHY = "healthy";
    public static final String RECOVERED = "recovered";
    public static final String AUTH_FAILED = "auth_failed";
    public static final String FORBIDDEN = "forbidden";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String VENDOR_DOWN = "vendor_down";
    public static final String LAGGING = "lagging";
    public static final String REFUSED = "refused";

    static final int FAILURES_TO_REPORT = 3;

    private IntegrationHealth() {}

    static boolean good(String health) {
        return NEW.equals(health) || HEALTHY.equals(health) || RECOVERED.equals(health);
    }

    /** The health after a successful poll, given the lag it left. */
    static String afterSuccess(String previous, long lagMillis, long lagAlertMillis) {
        if (lagMillis > lagAlertMillis) {
            return LAGGING;
        }
        if (NEW.equals(previous) || previous == null) {
            return HEALTHY;
        }
        return good(previous) ? previous : RECOVERED;
    }

    /** The health after a failed poll, or {@code previous} while the failure is still routine. */
    static String afterFailure(String previous, VendorException.Kind kind, int failures) {
        switch (kind) {
            case AUTH_FAILED:
                return AUTH_FAILED;
            case FORBIDDEN:
                return FORBIDDEN;
            case REFUSED:
                return REFUSED;
            case RATE_LIMITED:
                return failures >= FAILURES_TO_REPORT ? RATE_LIMITED : previous;
            default:
                return failures >= FAILURES_TO_REPORT ? VENDOR_DOWN : previous;
        }
    }
}
