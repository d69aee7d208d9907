package io.securitycoach.normalize;

import io.securitycoach.records.ControlStatus;
import io.securitycoach.records.FeedSample;
import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Feed health, keyed by org and vendor: the share of an org's vendor records that became dead
 * letters over the last window (an hour by default, on the wall clock, in 12 buckets). When it
 * exceeds the threshold (5% by default, with at least {@link #MIN_BAD} bad records, so one stray
 * line does not alarm) a {@code feed_health} status says so on the rule-status stream, and another
 * when it recovers (also when bad records age out of the window with no new traffic). Deliberate
 * drops (platform events, empty pages) do not count. With the same threshold and minimum, an {@code
 * unknown_verdicts} status reports the share of events whose verdict is unknown ({@code
 * unknown_verdict_percent}): a feed that arrives without what coaching needs (bare records without
 * their verdict) parses cleanly but cannot say blocked or delivered.
 *
 * <p>A feed that sent records and then sends nothing for the silence limit (6 hours by default)
 * gets a {@code silent} status: the most common real failure is an expired token or a deleted
 * export, not bad records. Records arriving again bring a {@code feed_health} recovery. A silent
 * feed is forgotten {@link #SILENT_RETENTION_FACTOR} silence limits after its last record, so the
 * state of feeds that were removed for good ends with a timer.
 */
public class FeedHealthMonitor extends KeyedProcessFunction<String, FeedSample, ControlStatus> {
    /** Per org and vendor: the last hour's good and bad record counts. */
    public static final ValueStateDescriptor<FeedWindow> WINDOW =
            new ValueStateDescriptor<>("feed-window", FeedWindow.class);

    public static final String STATUS = "feed_health";
    public static final String SILENT = "silent";
    static final int SILENT_RETENTION_FACTOR = 28;
    public static final String UNKNOWN_VERDICTS = "unknown_verdicts";
    static final int MIN_BAD = 5;
    private static final int BUCKETS = 12;

    private final long bucketMillis;
    private final double thresholdPercent;
    private final long silentAfterMillis;
    private transient ValueState<FeedWindow> window;

    /** Without silence detection. */
    public FeedHealthMonitor(long windowMillis, double thresholdPercent) {
        this(windowMillis, thresholdPercent, 0);
    }

    /** {@code silentAfterMillis}: 0 turns silence detection off. */
    public FeedHealthMonitor(long windowMillis, double thresholdPercent, long silentAfterMillis) {
        this.bucketMillis = Math.max(1, windowMillis / BUCKETS);
        this.thresholdPercent = thresholdPercent;
        this.silentAfterMillis = Math.max(0, silentAfterMillis);
    }

    /** Dead letters that say the feed is broken; deliberate drops are not. */
    public static boolean countsAgainstHealth(String reason) {
        return !Reasons.PLATFORM_EVENT.equals(reason)
                && !Reasons.EMPTY_PAGE.equals(reason)
                && !Reasons.FALSE_POSITIVE.equals(reason);
    }

    @Override
    public void open(OpenContext openContext) {
        window = getRuntimeContext().getState(WINDOW);
    }

    @Override
    public void processElement(FeedSample sample, Context ctx, Collector<ControlStatus> out)
            throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        FeedWindow w = window.value() == null ? FeedWindow.empty(BUCKETS) : window.value();
        w.add(
                now / bucketMillis,
                sample.events + sample.badReasons.length,
                sample.badReasons.length,
                sample.unknownVerdicts);
        if (sample.badReasons.length > 0) {
            w.lastReason = sample.badReasons[sample.badReasons.length - 1];
        }
        heard(w, sample.orgId, sample.vendor, now, ctx, out);
        evaluate(w, sample.orgId, sample.vendor, now, ctx, out);
    }

    /** A record arrived: a silent feed recovers, and the silence watch moves on. */
    private void heard(
            FeedWindow w,
            String org,
            String vendor,
            long now,
            Context ctx,
            Collector<ControlStatus> out) {
        if (w.silent) {
            w.silent = false;
            out.collect(
                    ControlStatus.feedHealth(
                            org,
                            vendor,
                            STATUS,
                            "recovered: records from the "
                                    + vendor
                                    + " feed again after "
                                    + minutes(now - w.lastRecordMillis)
                                    + " of silence",
                            "feed-health",
                            now));
        }
        w.sent = true;
        w.lastRecordMillis = now;
        if (silentAfterMillis > 0) {
            // Aligned to a bucket: at most one silence timer per bucket, however many records.
            ctx.timerService().registerProcessingTimeTimer(alignUp(now + silentAfterMillis));
        }
    }

    /** No record for the silence limit: say so once; forget the feed after the retention. */
    private void checkSilence(
            FeedWindow w,
            String org,
            String vendor,
            long now,
            Context ctx,
            Collector<ControlStatus> out) {
        if (silentAfterMillis == 0 || w.silent || !w.sent) {
            return;
        }
        if (now - w.lastRecordMillis >= silentAfterMillis) {
            w.silent = true;
            out.collect(
                    ControlStatus.feedHealth(
                            org,
                            vendor,
                            SILENT,
                            "silent: no records from the "
                                    + vendor
                                    + " feed for "
                                    + minutes(now - w.lastRecordMillis)
                                    + " (it sent before): check the feed's credentials, export or"
                                    + " stream",
                            "feed-health",
                            now));
            ctx.timerService().registerProcessingTimeTimer(forgetAt(w));
        }
    }

    /** While this is in the future, a quiet feed's state is kept to notice silence or recovery. */
    private long forgetAt(FeedWindow w) {
        return alignUp(w.lastRecordMillis + SILENT_RETENTION_FACTOR * silentAfterMillis);
    }

    private boolean watched(FeedWindow w, long now) {
        return silentAfterMillis > 0 && w.sent && now < forgetAt(w);
    }

    private long alignUp(long time) {
        return (time / bucketMillis + 1) * bucketMillis;
    }

    private static String minutes(long millis) {
        long minutes = millis / 60_000;
        return minutes >= 120 ? (minutes / 60) + "h" : minutes + "m";
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ControlStatus> out)
            throws Exception {
        FeedWindow w = window.value();
        if (w != null) {
            String[] key = ctx.getCurrentKey().split("/", 2);
            String vendor = key.length > 1 ? key[1] : "";
            checkSilence(w, key[0], vendor, timestamp, ctx, out);
            evaluate(w, key[0], vendor, timestamp, ctx, out);
        }
    }

    private void evaluate(
            FeedWindow w,
            String org,
            String vendor,
            long now,
            Context ctx,
            Collector<ControlStatus> out)
            throws Exception {
        long current = now / bucketMillis;
        long total = w.total(current);
        long bad = w.bad(current);
        boolean unhealthy = bad >= MIN_BAD && 100.0 * bad > thresholdPercent * total;
        if (unhealthy != w.unhealthy) {
            w.unhealthy = unhealthy;
            out.collect(status(org, vendor, unhealthy, bad, total, w.lastReason, now));
        }
        verdicts(w, org, vendor, total - bad, w.unknown(current), now, out);
        if (w.unhealthy || w.manyUnknown) {
            ctx.timerService()
                    .registerProcessingTimeTimer(
                            (current + 1) * bucketMillis); // bad records age out
        }
        if (total == 0 && !w.unhealthy && !w.manyUnknown && !watched(w, now)) {
            window.clear();
        } else {
            window.update(w);
        }
    }

    private ControlStatus status(
            String org,
            String vendor,
            boolean unhealthy,
            long bad,
            long total,
            String reason,
            long now) {
        String share = String.format(Locale.ROOT, "%.1f%%", total == 0 ? 0.0 : 100.0 * bad / total);
        String text =
                unhealthy
                        ? "unhealthy: "
                                + share
                                + " of "
                                + total
                                + " records of the "
                                + vendor
                                + " feed in the last "
                                + window()
                                + " were dead letters (above "
                                + thresholdPercent
                                + "%; last reason "
                                + reason
                                + "): check the feed's template or parsing configuration"
                        : "recovered: "
                                + share
                                + " of "
                                + total
                                + " records in the last "
                                + window()
                                + " were dead letters";
        return ControlStatus.feedHealth(org, vendor, STATUS, text, "feed-health", now);
    }

    /** Reports when the share of events with an unknown verdict crosses the threshold. */
    private void verdicts(
            FeedWindow w,
            String org,
            String vendor,
            long events,
            long unknown,
            long now,
            Collector<ControlStatus> out) {
        boolean many = unknown >= MIN_BAD && 100.0 * unknown > thresholdPercent * events;
        if (many == w.manyUnknown) {
            return;
        }
        w.manyUnknown = many;
        String share = "unknown_verdict_percent " + Verdicts.percent(unknown, events) + "%";
        String text =
                many
                        ? "many unknown verdicts: "
                                + share
                                + " of "
                                + events
                                + " events of the "
                                + vendor
                                + " feed in the last "
                                + window()
                                + " (above "
                                + thresholdPercent
                                + "%): the records arrive without their action or outcome"
                                + " (a bare record without its array, a template without the"
                                + " action field), so coaching cannot say what became of them"
                        : "recovered: "
                                + share
                                + " of "
                                + events
                                + " events in the last "
                                + window();
        out.collect(
                ControlStatus.feedHealth(org, vendor, UNKNOWN_VERDICTS, text, "feed-health", now));
    }

    private String window() {
        long minutes = bucketMillis * BUCKETS / 60_000;
        return minutes >= 60 && minutes % 60 == 0 ? (minutes / 60) + "h" : minutes + "m";
    }
}
