package io.securitycoach.notify;

/**
 * The notifier's defaults, declared once in the form the configuration writes them: {@link
 * NotifierSettings} starts from them, and the job's configuration declares its Notify keys with
 * them (so the configuration reference shows the values the notifier really uses).
 */
public final class NotifierDefaults {
    public static final String REQUEST_TIMEOUT = "10s";
    public static final String MAX_ATTEMPTS = "6";
    public static final String INITIAL_BACKOFF = "2s";
    public static final String SLACK_TOKEN_REF = "env:COACH_SLACK_BOT_TOKEN";
    public static final String DAILY_CAP = "5";
    public static final String SECRETS_DIR = "/run/secrets/coach";
    public static final String SECRETS_CACHE_TTL = "5m";
    public static final String SECRET_LOOKUP_THREADS = "4";
    public static final String DNS_LOOKUP_THREADS = "4";
    public static final String ORG_SHARE_PERCENT = "25";
    public static final String DESTINATION_SLOTS = "8";
    public static final String MAX_HOLD = "20s";
    public static final String PARKED_PER_DESTINATION = "10000";
    public static final String PARKED_RELEASE_PER_SECOND = "8";

    private NotifierDefaults() {}
}
