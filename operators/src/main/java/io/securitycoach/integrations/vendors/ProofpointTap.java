package io.securitycoach.integrations.vendors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securitycoach.integrations.IntegrationCursor;
import io.securitycoach.integrations.IntegrationDefinition;
import io.securitycoach.integrations.Page;
import io.securitycoach.integrations.RateLimits;
import io.securitycoach.integrations.Urls;
import io.securitycoach.integrations.VendorApi;
import io.securitycoach.integrations.VendorCall;
import io.securitycoach.integrations.VendorException;
import io.securitycoach.notify.channels.Reply;
import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Proofpoint TAP SIEM API ({@code GET /v2/siem/all?format=json&interval=start/end}) with a service
 * principal and its secret in HTTP basic auth. TAP has no pages and no cursor: a query is a time
 * window of at most an hour (it refuses longer), and the integration's cursor is the end of the
 * last window fetched, so a restore asks for exactly the next window.
 *
 * <p>Late data: TAP's server rounds to the minute and records are indexed after the fact, so a
 * window never ends closer than {@link #SETTLE_MILLIS} to now, and every window also reads again
 * the {@link #OVERLAP_MILLIS} before the cursor; what the overlap returns again is dropped by the
 * poller's recent ids (each record keyed by its array and GUID, click id, or messageID and time).
 * Records are emitted oldest first so the newest, those the next overlap repeats, are the ids
 * remembered.
 *
 * <p>Each record keeps the name of the array it came in as {@code feed} (the array's name is the
 * verdict), exactly as a whole response split from a file or Kinesis record would.
 */
public final class ProofpointTap implements VendorApi {
    public static final String NAME = "proofpoint";
    static final String TAP = "https://tap-api-v2.proofpoint.com";

    /** The longest window TAP answers. */
    static final long MAX_WINDOW_MILLIS = Duration.ofHours(1).toMillis();

    /** How close to now a window may end: TAP's data settles within a minute or so. */
    static final long SETTLE_MILLIS = Duration.ofMinutes(1).toMillis();

    /** Read again before the cursor in every window: records TAP indexed after we asked. */
    static final long OVERLAP_MILLIS = Duration.ofMinutes(5).toMillis();

    /** How far back TAP serves: 7 days (a window starting earlier is refused). */
    static final long RETENTION_MILLIS = Duration.ofDays(7).toMillis();

    /**
     * A 429 without Retry-After: TAP's budget is per 24 hours (1,800 requests), so waiting a second
     * would only spend it; a minute is about what one request of that budget is worth.
     */
    static final long THROTTLED_WAIT_MILLIS = Duration.ofMinutes(1).toMillis();

    /** The cursor's {@code next} while the windows are shortened: their new part in ms. */
    static final String SHORTER = "window-ms=";

    /** TAP's shortest window. */
    static final long MIN_NEW_MILLIS = 30_000;

    /** The response's arrays; each name is the verdict of its records. */
    static final List<String> ARRAYS =
            List.of("messagesDelivered", "messagesBlocked", "clicksPermitted", "clicksBlocked");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String normalizerVendor() {
        return "proofpoint";
    }

    @Override
    public String fixedBaseUrl() {
        return TAP;
    }

    @Override
    public List<String> hostPatterns() {
        return List.of("tap-api-v2.proofpoint.com");
    }

    @Override
    public List<String> authKinds() {
        return List.of("basic");
    }

    /** TAP has no page size: one window is one answer. */
    @Override
    public int defaultPageSize() {
        return 1;
    }

    @Override
    public int maxPageSize() {
        return 1;
    }

    @Override
    public long maxBackfillMillis() {
        return RETENTION_MILLIS; // the first window starts a minute inside TAP's limit
    }

    /**
     * 1,800 requests per 24 hours: polling once a minute spends 1,440, leaving room for a week's
     * backfill (168 windows) and retries.
     */
    @Override
    public long minPollIntervalMillis() {
        return Duration.ofMinutes(1).toMillis();
    }

    @Override
    public Page fetch(IntegrationDefinition def, IntegrationCursor cursor, VendorCall call)
            throws VendorException {
        long now = call.now();
        Window w = Window.after(cursor.since, now, newPartMillis(cursor.next));
        if (w == null) {
            return nothingNew(cursor); // time has not moved past the settle margin
        }
        URI uri =
                URI.create(
                        def.baseUrl
                                + "/v2/siem/all?format=json&interval="
                                + Urls.encode(Urls.iso(w.start) + "/" + Urls.iso(w.end)));
        Map<String, String> headers =
                Map.of(
                        "Authorization",
                        VendorCall.basic(def.clientId, call.secret()),
                        "Accept",
                        "application/json");
        Reply reply = call.get(uri, headers);
        if (reply.status == 429) {
            long wait = reply.retryAfterMillis > 0 ? reply.retryAfterMillis : THROTTLED_WAIT_MILLIS;
            throw new VendorException(
                    VendorException.Kind.RATE_LIMITED, "Proofpoint TAP answered 429", wait);
        }
        if (reply.status != 200 && reply.status != 204) {
            throw VendorCall.failure(reply, "Proofpoint TAP", now);
        }
        if (reply.truncated) {
            return shorterWindow(cursor, w);
        }
        Page page = page(reply, cursor, w, now);
        page.next = page.caughtUp ? null : cursor.next; // a shorter window holds until caught up
        return page;
    }

    /** The new part of the window a shortened one asks for ({@code window-ms=N}), else an hour. */
    static long newPartMillis(String next) {
        if (next != null && next.startsWith(SHORTER)) {
            try {
                return Math.max(MIN_NEW_MILLIS, Long.parseLong(next.substring(SHORTER.length())));
            } catch (NumberFormatException e) {
                return MAX_WINDOW_MILLIS; // not ours: the full window
            }
        }
        return MAX_WINDOW_MILLIS;
    }

    /**
     * The window's answer was larger than the poller keeps: nothing of it is used, and the same
     * cursor asks again for half the new part (TAP cannot page a window).
     */
    private static Page shorterWindow(IntegrationCursor cursor, Window w) throws VendorException {
        long half = (w.end - Math.max(cursor.since, w.start)) / 2;
        if (half < MIN_NEW_MILLIS) {
            throw new VendorException(
                    VendorException.Kind.PROTOCOL,
                    "TAP's answer for " + (2 * half / 1000) + " s is larger than the limit");
        }
        Page page = new Page();
        page.next = SHORTER + half;
        page.describe = "answer over the limit: asking " + half / 1000 + " s at a time";
        return page;
    }

    private static Page nothingNew(IntegrationCursor cursor) {
        Page page = new Page();
        page.caughtUp = true;
        page.since = cursor.since;
        page.describe = "nothing new since " + Urls.iso(cursor.since);
        return page;
    }

    private static Page page(Reply reply, IntegrationCursor cursor, Window w, long now)
            throws VendorException {
        Page page = new Page();
        long queryEnd = w.end;
        if (reply.status == 200 && reply.body != null && !reply.body.isBlank()) {
            JsonNode body = VendorCall.readJson(reply.body, "TAP's answer");
            if (!body.isObject()) {
                throw new VendorException(
                        VendorException.Kind.PROTOCOL, "TAP's answer is no object");
            }
            for (String array : ARRAYS) {
                records(body, array, page);
            }
            long said = Urls.millis(body.path("queryEndTime").asText(null));
            // the server may end the query earlier than asked (rounding): resume from there
            queryEnd = said > cursor.since && said < w.end ? said : w.end;
        }
        page.items.sort(Comparator.comparingLong(i -> i.eventTime));
        page.since = queryEnd;
        page.caughtUp = w.reachesSettled;
        page.describe = "interval=" + Urls.iso(w.start) + "/" + Urls.iso(w.end);
        long wait = RateLimits.waitMillis(reply, now);
        page.notBefore = wait > 0 ? now + wait : 0;
        return page;
    }

    private static void records(JsonNode body, String array, Page page) throws VendorException {
        JsonNode records = body.get(array);
        if (records == null || records.isNull()) {
            return; // TAP leaves out what the window did not have
        }
        if (!records.isArray()) {
            throw new VendorException(
                    VendorException.Kind.PROTOCOL, "TAP's " + array + " is not an array");
        }
        boolean click = array.startsWith("clicks");
        for (JsonNode r : records) {
            if (!r.isObject()) {
                throw new VendorException(
                        VendorException.Kind.PROTOCOL, "TAP's " + array + " holds a non-object");
            }
            ObjectNode record = (ObjectNode) r;
            if (!record.has("feed")) {
                record.put("feed", array); // the array's name is the record's verdict
            }
            long time = Urls.millis(text(record, click ? "clickTime" : "messageTime"));
            page.items.add(new Page.Item(recordKey(array, record), time, record.toString()));
        }
    }

    /**
     * What makes a record the same record when a window repeats it: its array and the click's id,
     * else the message GUID (with the click time for a click), else the messageID and time; null
     * when it has none (the poller then keys it by its text).
     */
    static String recordKey(String array, JsonNode record) {
        boolean click = array.startsWith("clicks");
        String time = text(record, click ? "clickTime" : "messageTime");
        String key =
                click
                        ? first(
                                text(record, "id"),
                                withTime(text(record, "GUID"), time),
                                withTime(text(record, "messageID"), time))
                        : first(text(record, "GUID"), withTime(text(record, "messageID"), time));
        return key == null ? null : array + ":" + key;
    }

    private static String withTime(String id, String time) {
        return id == null || time == null ? null : id + "@" + time;
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String text(JsonNode record, String field) {
        JsonNode v = record.get(field);
        return v == null || !v.isTextual() || v.asText().isBlank() ? null : v.asText();
    }

    /** One query's interval: at most an hour, overlapping the cursor, short of the settle line. */
    static final class Window {
        final long start;
        final long end;

        /** True when the window ends at the settle line: nothing newer is asked for yet. */
        final boolean reachesSettled;

        private Window(long start, long end, boolean reachesSettled) {
            this.start = start;
            this.end = end;
            this.reachesSettled = reachesSettled;
        }

        /**
         * The window after {@code cursor} at {@code now}, its new part at most {@code
         * newPartMillis}, or null when the settle line has not moved past it. A cursor older than
         * TAP keeps starts at TAP's limit (what lies before is gone).
         */
        static Window after(long cursor, long now, long newPartMillis) {
            long settled = now - SETTLE_MILLIS;
            if (settled <= cursor) {
                return null;
            }
            long oldest = now - RETENTION_MILLIS + Duration.ofMinutes(1).toMillis();
            long start = Math.max(cursor - OVERLAP_MILLIS, oldest);
            long end =
                    Math.min(
                            Math.min(
                                    start + MAX_WINDOW_MILLIS,
                                    Math.max(cursor, start) + newPartMillis),
                            settled);
            return new Window(start, end, end == settled);
        }
    }
}
