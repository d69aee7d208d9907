package io.securitycoach.jobs;

import io.securitycoach.control.ControlQuota;
import io.securitycoach.integrations.IntegrationSettings;
import io.securitycoach.notify.NotifierSettings;
import io.securitycoach.options.OptionValues;
import java.io.Serializable;
import java.time.Duration;

/**
 * The knobs of the job graph that do not depend on where sources and sinks are, read from the
 * options declared beside their readers ({@link JobOptions}, the control quota's, the notifier's,
 * the integrations'). {@code new JobSettings()} reads them from nothing, so it holds exactly the
 * declared defaults: a job configured with nothing runs as one built with it.
 */
public class JobSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How long an event waits for the directory to name its user before going on unresolved. */
    public Duration identityGrace;

    /** How long a deleted user's tombstone is kept to reject older upserts that arrive late. */
    public Duration tombstoneRetention;

    /** How far out of order vendor events may arrive (event time). */
    public Duration outOfOrderness;

    /** A source quiet for this long stops holding back the watermark. */
    public Duration sourceIdleness;

    /** Customer rules are untrusted input: an org may have at most this many. */
    public int maxRulesPerOrg;

    /** The cap on orgs and each org's rate of control updates. */
    public ControlQuota controlQuota;

    public Duration checkpointInterval;

    /**
     * A feed (org and vendor) whose dead letters exceed this share of its records over the window
     * is unhealthy.
     */
    public int feedHealthPercent;

    public Duration feedHealthWindow;

    /** A feed that sent records and then nothing for this long is reported silent (0: off). */
    public Duration feedSilentAfter;

    /** {@code aggregated} or {@code per-org}: the org dimension of the job's metrics. */
    public String metricsOrgDimension;

    /** Fair share of ingestion: one org's records per second, burst, and how many may wait. */
    public int ingestRate;

    public int ingestBurst;
    public int ingestMaxDeferred;

    /**
     * How long a partly filled network buffer may wait before it is sent. Flink's default (100 ms)
     * is paid at each of the job's shuffles by a lone risky event on a quiet stream (full buffers
     * go at once).
     */
    public Duration networkBufferTimeout;

    /**
     * Whether the raw and events audit sinks chain to the stages that make their lines (see {@link
     * JobOptions#AUDIT_SINKS_CHAINED}).
     */
    public boolean auditSinksChained;

    public NotifierSettings notifier;

    /** The integration poller's operator settings (SSRF exceptions, timeouts, backoff, lag). */
    public IntegrationSettings integrations;

    /** The declared defaults. */
    public JobSettings() {
        this(OptionValues.defaults());
    }

    /** Every knob from {@code options} (the notifier's endpoints are the job's wiring). */
    public JobSettings(OptionValues options) {
        identityGrace = options.get(JobOptions.IDENTITY_GRACE);
        tombstoneRetention = options.get(JobOptions.TOMBSTONE_RETENTION);
        outOfOrderness = options.get(JobOptions.OUT_OF_ORDERNESS);
        sourceIdleness = options.get(JobOptions.SOURCE_IDLENESS);
        maxRulesPerOrg = options.get(JobOptions.MAX_RULES_PER_ORG);
        controlQuota = ControlQuota.from(options);
        checkpointInterval = options.get(JobOptions.CHECKPOINT_INTERVAL);
        feedHealthPercent = options.get(JobOptions.FEED_HEALTH_PERCENT);
        feedHealthWindow = options.get(JobOptions.FEED_HEALTH_WINDOW);
        feedSilentAfter = options.get(JobOptions.FEED_SILENT_AFTER);
        metricsOrgDimension = options.get(JobOptions.METRICS_ORG_DIMENSION);
        ingestRate = Math.max(1, options.get(JobOptions.INGEST_RATE));
        ingestBurst = Math.max(1, options.get(JobOptions.INGEST_BURST));
        ingestMaxDeferred = Math.max(0, options.get(JobOptions.INGEST_MAX_DEFERRED));
        networkBufferTimeout = options.get(JobOptions.NETWORK_BUFFER_TIMEOUT);
        auditSinksChained = options.get(JobOptions.AUDIT_SINKS_CHAINED);
        notifier = new NotifierSettings(options);
        integrations = new IntegrationSettings(options);
    }

    /**
     * The async operator's timeout: above the notifier's whole retry budget, so retries decide, not
     * the timeout.
     */
    public Duration notifyTimeout() {
        return notifier.worstCase().plusSeconds(30);
    }
}
