package io.securitycoach.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.config.CoachConfig;
import io.securitycoach.config.ConfigKey;
import io.securitycoach.control.ControlLimits;
import io.securitycoach.jobs.wiring.ConfiguredSettings;
import io.securitycoach.notify.NotifierSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The settings objects' own defaults (what tests, benchmarks and the embedded run start from) are
 * the configuration's: a job configured with nothing runs exactly as one built with {@code new
 * JobSettings()}.
 */
class DefaultsAgreeTest {
    /** Every Job and Notify key with a default, and where the settings hold it. */
    private static final Map<ConfigKey, Function<JobSettings, Object>> HELD = new LinkedHashMap<>();

    static {
        HELD.put(CoachConfig.CHECKPOINT_INTERVAL, s -> s.checkpointInterval);
        HELD.put(CoachConfig.IDENTITY_GRACE, s -> s.identityGrace);
        HELD.put(CoachConfig.OUT_OF_ORDERNESS, s -> s.outOfOrderness);
        HELD.put(CoachConfig.SOURCE_IDLENESS, s -> s.sourceIdleness);
        HELD.put(CoachConfig.TOMBSTONE_RETENTION, s -> s.tombstoneRetention);
        HELD.put(CoachConfig.MAX_RULES_PER_ORG, s -> s.maxRulesPerOrg);
        HELD.put(CoachConfig.FEED_HEALTH_PERCENT, s -> s.feedHealthPercent);
        HELD.put(CoachConfig.FEED_HEALTH_WINDOW, s -> s.feedHealthWindow);
        HELD.put(CoachConfig.FEED_SILENT_AFTER, s -> s.feedSilentAfter);
        HELD.put(CoachConfig.METRICS_ORG_DIMENSION, s -> s.metricsOrgDimension);
        HELD.put(CoachConfig.INGEST_RATE, s -> s.ingestRate);
        HELD.put(CoachConfig.INGEST_BURST, s -> s.ingestBurst);
        HELD.put(CoachConfig.INGEST_MAX_DEFERRED, s -> s.ingestMaxDeferred);
        HELD.put(CoachConfig.SLACK_TOKEN_REF, s -> s.notifier.slackTokenRef);
        HELD.put(CoachConfig.SECRETS_DIR, s -> s.notifier.secretsDir);
        HELD.put(CoachConfig.SECRETS_CACHE_TTL, s -> s.notifier.secretsCacheMillis);
        HELD.put(CoachConfig.SECRET_LOOKUP_THREADS, s -> s.notifier.secretLookupThreads);
        HELD.put(CoachConfig.DNS_LOOKUP_THREADS, s -> s.notifier.dnsLookupThreads);
        HELD.put(CoachConfig.REQUEST_TIMEOUT, s -> s.notifier.requestTimeoutMillis);
        HELD.put(CoachConfig.MAX_ATTEMPTS, s -> s.notifier.maxAttempts);
        HELD.put(CoachConfig.INITIAL_BACKOFF, s -> s.notifier.initialBackoffMillis);
        HELD.put(CoachConfig.DAILY_CAP, s -> s.notifier.dailyCapPerUser);
        HELD.put(CoachConfig.ORG_SHARE_PERCENT, s -> s.notifier.orgSharePercent);
        HELD.put(CoachConfig.DESTINATION_SLOTS, s -> s.notifier.destinationSlots);
        HELD.put(CoachConfig.MAX_HOLD, s -> s.notifier.maxHoldMillis);
        HELD.put(CoachConfig.PARKED_PER_DESTINATION, s -> s.notifier.parkedPerDestination);
        HELD.put(CoachConfig.PARKED_RELEASE_PER_SECOND, s -> s.notifier.parkedReleasePerSecond);
    }

    /**
     * Defaults that no settings field starts from: they choose how the job is wired, not a knob's
     * value.
     */
    private static final Set<ConfigKey> WIRING =
            Set.of(
                    CoachConfig.STATE_BACKEND,
                    CoachConfig.BOUNDED,
                    CoachConfig.NOTIFY_ENABLED,
                    CoachConfig.CHANNELS,
                    CoachConfig.SLACK_URL);

    @Test
    void aJobConfiguredWithNothingHasTheSettingsObjectsDefaults() {
        JobSettings configured = ConfiguredSettings.from(CoachConfig.of(Map.of()));
        JobSettings plain = new JobSettings();
        HELD.forEach(
                (key, field) ->
                        assertThat(field.apply(configured))
                                .as(key.id())
                                .isEqualTo(field.apply(plain)));
    }

    @Test
    void everyDefaultOfTheJobAndNotifyGroupsIsCheckedHere() {
        Set<ConfigKey> withDefaults =
                CoachConfig.keys().stream()
                        .filter(
                                k ->
                                        k.defaultValue != null
                                                && (k.group.equals("Job")
                                                        || k.group.equals("Notify")))
                        .collect(Collectors.toSet());
        assertThat(HELD.keySet())
                .as("a new default must be held by the settings or listed as wiring")
                .containsExactlyInAnyOrderElementsOf(
                        withDefaults.stream()
                                .filter(k -> !WIRING.contains(k))
                                .collect(Collectors.toList()));
    }

    @Test
    void theDefaultsAreTheDocumentedValues() {
        JobSettings plain = new JobSettings();
        assertThat(plain.maxRulesPerOrg).isEqualTo(500).isEqualTo(ControlLimits.MAX_RULES_PER_ORG);
        assertThat(plain.identityGrace).hasToString("PT10M");
        NotifierSettings n = plain.notifier;
        assertThat(n.requestTimeoutMillis).isEqualTo(10_000);
        assertThat(n.initialBackoffMillis).isEqualTo(2_000);
        assertThat(n.maxAttempts).isEqualTo(6);
        assertThat(n.secretsCacheMillis).isEqualTo(300_000);
        assertThat(n.slackTokenRef).isEqualTo("env:COACH_SLACK_BOT_TOKEN");
        assertThat(n.orgSharePercent).isEqualTo(25);
        assertThat(n.destinationSlots).isEqualTo(8);
        assertThat(n.maxHoldMillis).isEqualTo(20_000);
        assertThat(n.parkedPerDestination).isEqualTo(10_000);
        assertThat(n.parkedReleasePerSecond).isEqualTo(8);
    }
}
