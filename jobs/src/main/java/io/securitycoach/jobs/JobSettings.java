package io.securitycoach.jobs;

import io.securitycoach.config.CoachConfig;
import io.securitycoach.control.ControlQuota;
import io.securitycoach.integrations.IntegrationSettings;
import io.securitycoach.notify.NotifierSettings;
import java.io.Serializable;
import java.time.Duration;

/**
 * The knobs of the job graph that do not depend on where sources and sinks are. Defaults are the
 * {@link CoachConfig} declarations' (one source of truth; {@code DefaultsAgreeTest} checks every
 * one).
 */
public class JobSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How long an event waits for the directory to name its user before going on unresolved. */
    public Duration identityGrace = CoachConfig.IDENTITY_GRACE.defaultDuration();

    /** How long a deleted user's tombstone is kept to reject older upserts that arrive late. */
    public Duration tombstoneRetention = CoachConfig.TOMBSTONE_RETENTION.defaultDuration();

    /** How far out of order vendor events may arrive (event time). */
    public Duration outOfOrderness = CoachConfig.OUT_OF_ORDERNESS.defaultDuration();

    /** A source quiet for this long stops holding back the watermark. */
    public Duration sourceIdleness = CoachConfig.SOURCE_IDLENESS.defaultDuration();

    /** Customer rules are untrusted input: an org may have at most this many. */
    public int maxRulesPerOrg = CoachConfig.MAX_RULES_PER_ORG.defaultInt();

    /** The cap on orgs and each org's rate of control updates. */
    public ControlQuota controlQuota =
            new ControlQuota(
                    CoachConfig.MAX_ORGS.defaultInt(),
                    CoachConfig.CONTROL_UPDATES_PER_MINUTE.defaultInt(),
                    CoachConfig.CONTROL_UPDATES_BURST.defaultInt());

    public Duration checkpointInterval = CoachConfig.CHECKPOINT_INTERVAL.defaultDuration();

    /**
     * A feed (org and vendor) whose dead letters exceed this share of its records over the window
     * is unhealthy.
     */
    public int feedHealthPercent = CoachConfig.FEED_HEALTH_PERCENT.defaultInt();

    public Duration feedHealthWindow = CoachConfig.FEED_HEALTH_WINDOW.defaultDuration();

    /** A feed that sent records and then nothing for this long is reported silent (0: off). */
    public Duration feedSilentAfter = CoachConfig.FEED_SILENT_AFTER.defaultDuration();

    /** {@code aggregated} or {@code per-org}: the org dimension of the job's metrics. */
    public String metricsOrgDimension = CoachConfig.METRICS_ORG_DIMENSION.defaultValue;

    /** Fair share of ingestion: one org's records per second, burst, and how many may wait. */
    public int ingestRate = CoachConfig.INGEST_RATE.defaultInt();

    public int ingestBurst = CoachConfig.INGEST_BURST.defaultInt();
    public int ingestMaxDeferred = CoachConfig.INGEST_MAX_DEFERRED.defaultInt();

    /**
     * How long a partly filled network buffer may wait before it is sent. Flink's default (100 ms)
     * is paid at each of the job's shuffles by a lone risky event on a quiet stream; 10 ms keeps
     * source-to-notification p99 within 50 ms at little cost in throughput (full buffers go at
     * once).
     */
    public Duration networkBufferTimeout = Duration.ofMillis(10);

    public NotifierSettings notifier = new NotifierSettings();

    /** The integration poller's operator settings (SSRF exceptions, timeouts, backoff, lag). */
    public IntegrationSettings integrations = new IntegrationSettings();

    /**
     * The async operator's timeout: above the notifier's whole retry budget, so retries decide, not
     * the timeout.
     */
    public Duration notifyTimeout() {
        return notifier.worstCase().plusSeconds(30);
    }
}
