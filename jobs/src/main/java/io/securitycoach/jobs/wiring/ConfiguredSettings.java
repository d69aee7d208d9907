package io.securitycoach.jobs.wiring;

import io.securitycoach.coaching.ChannelName;
import io.securitycoach.coaching.CoachingModules;
import io.securitycoach.config.CoachConfig;
import io.securitycoach.config.ConfigException;
import io.securitycoach.config.ConfigFiles;
import io.securitycoach.control.ControlQuota;
import io.securitycoach.jobs.JobSettings;
import io.securitycoach.notify.DestinationGuard;
import io.securitycoach.notify.NotifierSettings;
import java.io.IOException;

/**
 * {@link JobSettings} (and the notifier's) from the {@code Job} and {@code Notify} property groups.
 */
public final class ConfiguredSettings {
    private ConfiguredSettings() {}

    public static JobSettings from(CoachConfig config) {
        JobSettings s = new JobSettings();
        s.identityGrace = config.duration(CoachConfig.IDENTITY_GRACE);
        s.outOfOrderness = config.duration(CoachConfig.OUT_OF_ORDERNESS);
        s.sourceIdleness = config.duration(CoachConfig.SOURCE_IDLENESS);
        s.tombstoneRetention = config.duration(CoachConfig.TOMBSTONE_RETENTION);
        s.maxRulesPerOrg = config.integer(CoachConfig.MAX_RULES_PER_ORG);
        s.controlQuota =
                new ControlQuota(
                        config.integer(CoachConfig.MAX_ORGS),
                        config.integer(CoachConfig.CONTROL_UPDATES_PER_MINUTE),
                        config.integer(CoachConfig.CONTROL_UPDATES_BURST));
        s.feedHealthPercent = config.integer(CoachConfig.FEED_HEALTH_PERCENT);
        s.feedHealthWindow = config.duration(CoachConfig.FEED_HEALTH_WINDOW);
        s.feedSilentAfter = config.duration(CoachConfig.FEED_SILENT_AFTER);
        s.metricsOrgDimension = config.string(CoachConfig.METRICS_ORG_DIMENSION);
        s.ingestRate = Math.max(1, config.integer(CoachConfig.INGEST_RATE));
        s.ingestBurst = Math.max(1, config.integer(CoachConfig.INGEST_BURST));
        s.ingestMaxDeferred = Math.max(0, config.integer(CoachConfig.INGEST_MAX_DEFERRED));
        s.checkpointInterval = config.duration(CoachConfig.CHECKPOINT_INTERVAL);
        s.notifier = notifier(config);
        return s;
    }

    /**
     * The deployment's own endpoint of a channel (Slack's API base; Teams and webhook URLs are
     * optional).
     */
    private static String endpoint(CoachConfig config, ChannelName channel) {
        switch (channel) {
            case SLACK:
                return config.string(CoachConfig.SLACK_URL);
            case TEAMS:
                return config.get(CoachConfig.TEAMS_URL).orElse(null);
            default:
                return config.get(CoachConfig.WEBHOOK_URL).orElse(null);
        }
    }

    static NotifierSettings notifier(CoachConfig config) {
        NotifierSettings n =
                config.get(CoachConfig.RECEIVER_URL)
                        .map(NotifierSettings::allChannelsTo)
                        .orElseGet(NotifierSettings::new);
        if (!config.isSet(CoachConfig.RECEIVER_URL)) {
            for (String channel : config.list(CoachConfig.CHANNELS)) {
                n.endpoints.put(channel, endpoint(config, knownChannel(channel)));
            }
        }
        secretReferences(config, n);
        lookups(config, n);
        deliveryLimits(config, n);
        allowedOrigins(config, n);
        if (!config.flag(CoachConfig.NOTIFY_ENABLED)) {
            n.endpoints.clear(); // the planner skips every notification with channel_not_configured
        }
        if (config.isSet(CoachConfig.MODULES)) {
            n.modules = modules(config.string(CoachConfig.MODULES));
        }
        return n;
    }

    private static ChannelName knownChannel(String channel) {
        return ChannelName.byId(channel)
                .orElseThrow(
                        () ->
                                new ConfigException(
                                        CoachConfig.CHANNELS.id()
                                                + ": unknown channel '"
                                                + channel
                                                + "' ("
                                                + String.join(", ", ChannelName.ids())
                                                + ")"));
    }

    /** References to secrets, never their values (those are looked up when sending). */
    private static void secretReferences(CoachConfig config, NotifierSettings n) {
        n.slackTokenRef = config.string(CoachConfig.SLACK_TOKEN_REF);
        n.signingSecretRef = config.get(CoachConfig.WEBHOOK_SIGNING_REF).orElse(null);
        n.statusWebhookRef = config.get(CoachConfig.STATUS_WEBHOOK_REF).orElse(null);
        n.statusWebhookSigningRef = config.get(CoachConfig.STATUS_WEBHOOK_SIGNING_REF).orElse(null);
    }

    /** Where and how secrets and host names are looked up. */
    private static void lookups(CoachConfig config, NotifierSettings n) {
        n.secretsDir = config.string(CoachConfig.SECRETS_DIR);
        n.secretsCacheMillis = config.duration(CoachConfig.SECRETS_CACHE_TTL).toMillis();
        n.secretLookupThreads = Math.max(1, config.integer(CoachConfig.SECRET_LOOKUP_THREADS));
        n.dnsLookupThreads = Math.max(1, config.integer(CoachConfig.DNS_LOOKUP_THREADS));
        n.secretsManagerRegion = config.get(CoachConfig.SECRETS_MANAGER_REGION).orElse(null);
        n.secretsManagerEndpoint = config.get(CoachConfig.SECRETS_MANAGER_ENDPOINT).orElse(null);
    }

    private static void deliveryLimits(CoachConfig config, NotifierSettings n) {
        n.requestTimeoutMillis = config.duration(CoachConfig.REQUEST_TIMEOUT).toMillis();
        n.maxAttempts = Math.max(1, config.integer(CoachConfig.MAX_ATTEMPTS));
        n.initialBackoffMillis = config.duration(CoachConfig.INITIAL_BACKOFF).toMillis();
        n.dailyCapPerUser = config.integer(CoachConfig.DAILY_CAP);
        fairShares(config, n);
    }

    /** Each org's and destination's share of the notify slots, and where parked ones wait. */
    private static void fairShares(CoachConfig config, NotifierSettings n) {
        n.orgSharePercent =
                Math.max(1, Math.min(100, config.integer(CoachConfig.ORG_SHARE_PERCENT)));
        n.destinationSlots = Math.max(1, config.integer(CoachConfig.DESTINATION_SLOTS));
        n.maxHoldMillis = config.duration(CoachConfig.MAX_HOLD).toMillis();
        n.parkedPerDestination = Math.max(1, config.integer(CoachConfig.PARKED_PER_DESTINATION));
        n.parkedReleasePerSecond =
                Math.max(1, config.integer(CoachConfig.PARKED_RELEASE_PER_SECOND));
    }

    /** Private hosts the operator allowed, and the receiver's origin when one is configured. */
    private static void allowedOrigins(CoachConfig config, NotifierSettings n) {
        for (String origin : config.list(CoachConfig.ALLOWED_PRIVATE_HOSTS)) {
            try {
                n.allowedOrigins.add(DestinationGuard.requireOrigin(origin));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(
                        CoachConfig.ALLOWED_PRIVATE_HOSTS.id() + ": " + e.getMessage());
            }
        }
        config.get(CoachConfig.RECEIVER_URL)
                .ifPresent(url -> n.allowedOrigins.add(NotifierSettings.originOf(url)));
    }

    /** From a local path, s3:// or classpath: (a resource in the job jar). */
    private static CoachingModules modules(String path) {
        String yaml = ConfigFiles.read(CoachConfig.MODULES, path);
        try {
            return CoachingModules.parse(yaml, path);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(
                    CoachConfig.MODULES.id() + ": " + path + ": " + e.getMessage());
        }
    }
}
