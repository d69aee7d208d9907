package io.securitycoach.integrations;

import io.securitycoach.records.RawEvent;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * One poll of one integration, without Flink: fetch pages from the cursor, emit each new record and
 * move the cursor past it, then say when to poll next and whether the health changed. The caller
 * runs it in one timer callback and keeps the cursor in keyed state, so the records and the cursor
 * always go into the same checkpoint.
 */
public final class IntegrationPoll {
    /** Where a lost vendor cursor restarts: this much before the newest event seen. */
    static final long OVERLAP_MILLIS = 60_000;

    /** Ids remembered to drop repeats of an overlapping or inclusive query. */
    static final int RECENT_IDS = 1000;

    /** Where fetched records go. */
    @FunctionalInterface
    public interface Emitter {
        void record(RawEvent record);
    }

    /** What a poll did. */
    public static final class Result {
        public long nextPollAt;
        public int emitted;

        /** True when the vendor had nothing new for this poll. */
        public boolean empty;

        /** The new health when it changed, else null; {@link #finding} says what was seen. */
        public String healthChange;

        public String finding;
        public long lagMillis;
    }

    private final VendorApi api;
    private final IntegrationSettings settings;

    public IntegrationPoll(VendorApi api, IntegrationSettings settings) {
        this.api = api;
        this.settings = settings;
    }

    public Result run(
            IntegrationDefinition def, IntegrationCursor cursor, VendorCall call, Emitter out) {
        long now = call.now();
        Result result = new Result();
        String previous = cursor.health;
        try {
            long notBefore = fetchPages(def, cursor, call, out, result);
            cursor.failures = 0;
            boolean caughtUp = cursor.caughtUpAt == now;
            result.nextPollAt = Math.max(caughtUp ? now + def.pollIntervalMillis : now, notBefore);
            result.lagMillis = caughtUp ? 0 : now - cursor.caughtUpAt;
            cursor.health =
                    IntegrationHealth.afterSuccess(
                            previous, result.lagMillis, settings.lagAlertMillis);
            result.finding = "fetched " + result.emitted + " records";
        } catch (VendorException e) {
            failed(def, cursor, e, now, result);
            result.lagMillis = now - cursor.caughtUpAt;
        }
        cursor.lastPollAt = now;
        if (!cursor.health.equals(previous)) {
            result.healthChange = cursor.health;
        }
        return result;
    }

    /**
     * Pages until caught up, rate-limited or the per-poll limit; returns the earliest next time.
     */
    private long fetchPages(
            IntegrationDefinition def,
            IntegrationCursor cursor,
            VendorCall call,
            Emitter out,
            Result result)
            throws VendorException {
        long now = call.now();
        result.empty = true;
        for (int pages = 0; pages < settings.maxPagesPerPoll; pages++) {
            Page page = api.fetch(def, cursor, call);
            int emitted = apply(def, cursor, page, out, now);
            result.emitted += emitted;
            result.empty &= emitted == 0; // nothing new: overlapping repeats do not count
            if (page.caughtUp) {
                cursor.caughtUpAt = now;
                return page.notBefore;
            }
            if (page.notBefore > now) {
                return page.notBefore; // the vendor's window is spent: wait for its reset
            }
        }
        return 0;
    }

    /** Emits the page's new records and moves the cursor past them; returns how many. */
    private int apply(
            IntegrationDefinition def, IntegrationCursor cursor, Page page, Emitter out, long now) {
        cursor.pages++;
        Set<String> seen = new HashSet<>(Arrays.asList(cursor.recentIds));
        Deque<String> recent = new ArrayDeque<>(Arrays.asList(cursor.recentIds));
        String origin = origin(def, cursor.pages, page.describe);
        int emitted = 0;
        for (Page.Item item : page.items) {
            String id =
                    item.id != null
                            ? item.id
                            : "text:" + item.json.hashCode() + ":" + item.json.length();
            if (!seen.add(id)) {
                continue; // an overlapping query returned it again
            }
            recent.addLast(id);
            if (recent.size() > RECENT_IDS) {
                recent.removeFirst();
            }
            cursor.newestEventTime = Math.max(cursor.newestEventTime, item.eventTime);
            out.record(new RawEvent(def.orgId, api.normalizerVendor(), item.json, origin, now));
            emitted++;
        }
        cursor.recentIds = recent.toArray(new String[0]);
        cursor.events += emitted;
        cursor.next = page.next;
        if (page.since > 0) {
            cursor.since = page.since;
        }
        return emitted;
    }

    private void failed(
            IntegrationDefinition def,
            IntegrationCursor cursor,
            VendorException e,
            long now,
            Result result) {
        if (e.kind == VendorException.Kind.BAD_CURSOR) {
            // start again by time, overlapping what was seen; repeats are dropped by id
            cursor.next = null;
            cursor.since = Math.max(cursor.since, cursor.newestEventTime - OVERLAP_MILLIS);
            result.nextPollAt = now;
            result.finding = e.getMessage() + "; querying again from " + Urls.iso(cursor.since);
            return;
        }
        cursor.failures++;
        result.nextPollAt = now + backoff(e, cursor.failures);
        cursor.health = IntegrationHealth.afterFailure(cursor.health, e.kind, cursor.failures);
        result.finding = e.getMessage();
    }

    /** How long to wait after a failure: what the vendor asked, else exponential backoff. */
    long backoff(VendorException e, int failures) {
        long max = settings.maxBackoffMillis;
        switch (e.kind) {
            case AUTH_FAILED:
            case FORBIDDEN:
            case REFUSED:
                return max; // a person must act; retrying sooner only burns the vendor's limit
            default:
                long exponential = settings.minBackoffMillis << Math.min(failures - 1, 16);
                // the vendor's Retry-After always wins (up to an hour: a lying answer cannot stop
                // us)
                return Math.max(
                        Math.min(e.retryAfterMillis, 3_600_000), Math.min(max, exponential));
        }
    }

    /** The raw audit's origin: the integration and the page that brought the record. */
    static String origin(IntegrationDefinition def, long page, String describe) {
        String what = describe == null ? "" : describe;
        if (what.length() > 200) {
            what = what.substring(0, 200) + "...";
        }
        return "integration:" + def.key() + " page " + page + (what.isEmpty() ? "" : " " + what);
    }
}
