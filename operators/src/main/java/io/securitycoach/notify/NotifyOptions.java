package io.securitycoach.notify;

import io.securitycoach.coaching.ChannelName;
import io.securitycoach.options.Option;
import io.securitycoach.options.OptionGroup;
import java.time.Duration;
import java.util.List;

/**
 * Where coaching goes and how hard the notifier tries ({@code Notify} group): the knobs {@link
 * NotifierSettings} reads, and the endpoints, channels and module catalogue the job's wiring gives
 * it.
 */
public final class NotifyOptions {
    public static final OptionGroup NOTIFY = new OptionGroup("Notify");

    public static final Option<String> RECEIVER_URL =
            NOTIFY.url(
                    "receiver.url",
                    null,
                    "Development: every channel to this base URL (<url>/slack/api, <url>/teams,"
                            + " <url>/webhook), e.g. the local receiver.");

    public static final Option<Boolean> NOTIFY_ENABLED =
            NOTIFY.flag(
                    "enabled",
                    "true",
                    "false: detect and audit without sending (replays of old events); every"
                            + " notification ends with status skipped.");

    public static final Option<List<String>> CHANNELS =
            NOTIFY.list(
                    "channels",
                    String.join(",", ChannelName.ids()),
                    "Channels this deployment may deliver to (an org's settings choose among"
                            + " them).");

    public static final Option<String> SLACK_URL =
            NOTIFY.url(
                    "slack.url",
                    "https://slack.com",
                    "Slack Web API base (methods are <url>/api/<method>).");

    public static final Option<String> TEAMS_URL =
            NOTIFY.url(
                    "teams.url",
                    null,
                    "Default Teams Workflows/incoming-webhook URL for orgs that name none (usually"
                            + " unset: orgs give theirs by secret reference).");

    public static final Option<String> WEBHOOK_URL =
            NOTIFY.url("webhook.url", null, "Default webhook URL for orgs that name none.");

    public static final Option<String> SLACK_TOKEN_REF =
            NOTIFY.string(
                    "slack.token-ref",
                    "env:COACH_SLACK_BOT_TOKEN",
                    "Secret reference to the default Slack bot token (env:NAME, file:PATH,"
                            + " aws-secrets-manager:ID). On Managed Flink only aws-secrets-manager:"
                            + " references work, and the default is "
                            + "aws-secrets-manager:coach/_shared/slack-bot-token.");

    public static final Option<String> WEBHOOK_SIGNING_REF =
            NOTIFY.string(
                    "webhook.signing-secret-ref",
                    null,
                    "Secret reference to the HMAC key that signs deliveries to the configured"
                        + " webhook URL. An org's own webhook destination is signed with its own"
                        + " signing_secret. Unset: not signed.");

    public static final Option<String> STATUS_WEBHOOK_REF =
            NOTIFY.string(
                    "status-webhook.ref",
                    null,
                    "Secret reference to a URL that receives every delivery status.");

    public static final Option<String> STATUS_WEBHOOK_SIGNING_REF =
            NOTIFY.string(
                    "status-webhook.signing-secret-ref",
                    null,
                    "Secret reference to the status webhook's own HMAC key (not the webhook"
                            + " channel's). Unset: statuses are not signed.");

    public static final Option<String> SECRETS_DIR =
            NOTIFY.string(
                    "secrets.dir",
                    "/run/secrets/coach",
                    "Where relative file: references (an org's file:orgs/<org>/...) are read.");

    public static final Option<String> SECRETS_MANAGER_REGION =
            NOTIFY.string(
                    "secrets-manager.region",
                    null,
                    "Region of AWS Secrets Manager for aws-secrets-manager: references. Unset: the"
                            + " SDK's default region chain.");

    public static final Option<String> SECRETS_MANAGER_ENDPOINT =
            NOTIFY.url(
                    "secrets-manager.endpoint",
                    null,
                    "Secrets Manager endpoint override (a VPC endpoint, a local stand-in). Unset:"
                            + " AWS's own.");

    public static final Option<Duration> SECRETS_CACHE_TTL =
            NOTIFY.duration(
                    "secrets.cache-ttl",
                    "5m",
                    "How long a resolved secret value is used before it is read again (rotation is"
                            + " picked up after this).");

    public static final Option<Integer> SECRET_LOOKUP_THREADS =
            NOTIFY.integer(
                    "secrets.lookup-threads",
                    "4",
                    "Threads per notify task for secret lookups (Secrets Manager, files).");

    public static final Option<Integer> DNS_LOOKUP_THREADS =
            NOTIFY.integer(
                    "dns.lookup-threads",
                    "4",
                    "Threads per notify task for the SSRF guard's DNS lookups (one lookup per host"
                            + " at a time).");

    public static final Option<String> MODULES =
            NOTIFY.string(
                    "modules",
                    null,
                    "Coaching modules catalogue (YAML: title, why, link, template per module),"
                            + " validated at start: a local path, an s3:// URI or classpath:NAME (a"
                            + " resource in the job jar).");

    public static final Option<List<String>> ALLOWED_PRIVATE_HOSTS =
            NOTIFY.list(
                    "allowed-private-hosts",
                    null,
                    "Exact origins (scheme://host:port) of the operator's own endpoints (receiver,"
                        + " status webhook) allowed although they resolve to private or loopback"
                        + " addresses; never applied to an org's destinations.");

    public static final Option<Duration> REQUEST_TIMEOUT =
            NOTIFY.duration("request.timeout", "10s", "Per-request HTTP timeout.");

    public static final Option<Integer> MAX_ATTEMPTS =
            NOTIFY.integer("max-attempts", "6", "Attempts per notification, backoff between them.");

    public static final Option<Duration> INITIAL_BACKOFF =
            NOTIFY.duration(
                    "initial-backoff",
                    "2s",
                    "Wait before the second attempt; doubles each time (Retry-After on 429 wins).");

    public static final Option<Integer> DAILY_CAP =
            NOTIFY.integer(
                    "daily-cap",
                    "5",
                    "Coaching messages one person receives per UTC day at most; more are skipped"
                            + " with a status.");

    public static final Option<Integer> ORG_SHARE_PERCENT =
            NOTIFY.integer(
                    "fair-share.org-percent",
                    "25",
                    "Fair share: the percentage of a notify task's async slots one org may hold"
                            + " (at least one slot); more of its notifications are parked.");

    public static final Option<Integer> DESTINATION_SLOTS =
            NOTIFY.integer(
                    "fair-share.destination-slots",
                    "8",
                    "Fair share: async slots of a notify task one destination (org, channel,"
                            + " destination reference) may hold; more of its notifications are"
                            + " parked.");

    public static final Option<Duration> MAX_HOLD =
            NOTIFY.duration(
                    "fair-share.max-hold",
                    "20s",
                    "Longest a notification holds a notify slot: one that would wait longer (a"
                            + " Retry-After, an open circuit) or is still sending then is parked. A"
                            + " 429 with a Retry-After this long or longer opens the destination's"
                            + " circuit for that long.");

    public static final Option<Integer> PARKED_PER_DESTINATION =
            NOTIFY.integer(
                    "parked.max-per-destination",
                    "10000",
                    "Parked notifications one destination may have waiting; more fail with"
                            + " parked_overflow (a dead letter).");

    public static final Option<Integer> PARKED_RELEASE_PER_SECOND =
            NOTIFY.integer(
                    "parked.release-per-second",
                    "8",
                    "Parked notifications of one destination handed to the retry lane per second"
                            + " at most, once their wait is over.");

    /** Options whose values are secret references (resolved at send time, never stored). */
    public static final List<Option<String>> SECRET_REFERENCES =
            List.of(SLACK_TOKEN_REF, WEBHOOK_SIGNING_REF, STATUS_WEBHOOK_REF);

    private NotifyOptions() {}
}
