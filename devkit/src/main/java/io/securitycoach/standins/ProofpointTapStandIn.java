package io.securitycoach.standins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.securitycoach.schema.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A local Proofpoint TAP SIEM API, as documented: {@code GET /v2/siem/all?format=json} with {@code
 * interval=start/end}, {@code sinceTime} or {@code sinceSeconds}; a window longer than an hour,
 * shorter than thirty seconds or starting more than 7 days back is refused with 400; HTTP basic
 * auth with a service principal and its secret (401 otherwise; the secret can be rotated); the
 * answer holds {@code queryEndTime} and the arrays {@code messagesDelivered}, {@code
 * messagesBlocked}, {@code clicksPermitted} and {@code clicksBlocked} (those with records). TAP has
 * no pages: the window is the page. Its request budget (1,800 per 24 hours at TAP) is played in
 * miniature, {@code rateLimit} requests per window, then 429 with Retry-After. Records can be
 * published late: visible only some time after they were stored, after a client may already have
 * asked for the window holding their time. Scripted faults ({@link #faults()}) add 429 and 5xx
 * bursts and slow answers.
 */
public final class ProofpointTapStandIn extends StandInServer {
    static final long MAX_WINDOW_MILLIS = Duration.ofHours(1).toMillis();
    static final long MIN_WINDOW_MILLIS = 30_000;
    static final long RETENTION_MILLIS = Duration.ofDays(7).toMillis();

    private static final class Stored {
        final ProofpointTapEvents.TapRecord record;
        final long visibleAt;

        Stored(ProofpointTapEvents.TapRecord record, long visibleAt) {
            this.record = record;
            this.visibleAt = visibleAt;
        }
    }

    private final String principal;
    private volatile String secret;
    private final RateWindow rateWindow;
    private final List<Stored> records = new ArrayList<>();
    private final List<String> served = new ArrayList<>();
    private int requests;
    private int throttled;
    private long askedUpTo;
    private int largestAnswer;

    public ProofpointTapStandIn(String principal, String secret, int rateLimit, long windowMillis)
            throws IOException {
        super("proofpoint-tap-stand-in", 0);
        this.principal = principal;
        this.secret = secret;
        this.rateWindow = new RateWindow(rateLimit, windowMillis);
    }

    /** Stores records, visible at once. */
    public synchronized ProofpointTapStandIn store(List<ProofpointTapEvents.TapRecord> batch) {
        return storeLate(batch, 0);
    }

    /** Stores records that become visible only {@code delayMillis} from now: published late. */
    public synchronized ProofpointTapStandIn storeLate(
            List<ProofpointTapEvents.TapRecord> batch, long delayMillis) {
        long visibleAt = System.currentTimeMillis() + delayMillis;
        batch.forEach(r -> records.add(new Stored(r, visibleAt)));
        return this;
    }

    /** The key ({@code array:id}) of every record served, in order (a repeat shows twice). */
    public synchronized List<String> served() {
        return new ArrayList<>(served);
    }

    /** How many SIEM requests came in, answered or not. */
    public synchronized int requests() {
        return requests;
    }

    /** How many requests were refused for the request budget (not the scripted 429s). */
    public synchronized int throttled() {
        return throttled;
    }

    /** The latest end of a window answered (epoch ms): records older are "published late". */
    public synchronized long askedUpTo() {
        return askedUpTo;
    }

    /** The longest answer sent, in bytes. */
    public synchronized int largestAnswer() {
        return largestAnswer;
    }

    /** The principal's secret changes: requests with the old one are refused with 401. */
    public void rotateSecret(String newSecret) {
        this.secret = newSecret;
    }

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!"/v2/siem/all".equals(path) || !"GET".equals(exchange.getRequestMethod())) {
            send(exchange, 404, "{\"message\": \"Not Found\"}");
            return;
        }
        synchronized (this) {
            requests++;
        }
        if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, "{\"message\": \"Unauthorized\"}");
            return;
        }
        if (!withinRateLimit(exchange)) {
            send(exchange, 429, "{\"message\": \"Too many requests in the past 24 hours\"}");
            return;
        }
        if (fault(exchange)) {
            return;
        }
        siem(exchange, query(exchange));
    }

    private void siem(HttpExchange exchange, Map<String, String> q) throws IOException {
        long now = System.currentTimeMillis();
        long[] window;
        try {
            window = window(q, now);
        } catch (DateTimeParseException | NumberFormatException e) {
            send(exchange, 400, "{\"message\": \"The time parameters could not be read.\"}");
            return;
        }
        String refusal = refusal(window, now, q.get("format"));
        if (refusal != null) {
            send(exchange, 400, "{\"message\": \"" + refusal + "\"}");
            return;
        }
        long end = Math.min(window[1], now);
        String answer = answer(window[0], end, now);
        synchronized (this) {
            largestAnswer = Math.max(largestAnswer, answer.getBytes(StandardCharsets.UTF_8).length);
        }
        send(exchange, 200, answer);
    }

    /** [start, end] from interval, sinceTime or sinceSeconds (the last two end now). */
    private static long[] window(Map<String, String> q, long now) {
        if (q.containsKey("interval")) {
            String[] ends = q.get("interval").split("/", 2);
            if (ends.length != 2) {
                throw new NumberFormatException("not an interval");
            }
            return new long[] {millis(ends[0]), millis(ends[1])};
        }
        if (q.containsKey("sinceTime")) {
            return new long[] {millis(q.get("sinceTime")), now};
        }
        if (q.containsKey("sinceSeconds")) {
            return new long[] {now - Long.parseLong(q.get("sinceSeconds")) * 1000L, now};
        }
        throw new NumberFormatException("no time parameter");
    }

    private static long millis(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    private static String refusal(long[] w, long now, String format) {
        if (!"json".equalsIgnoreCase(format)) {
            return "This stand-in answers format=json only.";
        }
        if (w[1] - w[0] > MAX_WINDOW_MILLIS) {
            return "The requested interval is too long: at most one hour.";
        }
        if (w[1] - w[0] < MIN_WINDOW_MILLIS) {
            return "The requested interval is too short: at least thirty seconds.";
        }
        if (w[0] < now - RETENTION_MILLIS) {
            return "The requested start time is too far into the past.";
        }
        return null;
    }

    /** The window's visible records by array, both ends inclusive, as TAP's JSON answers are. */
    private String answer(long start, long end, long now) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("queryEndTime", Instant.ofEpochMilli(end).toString());
        synchronized (this) {
            askedUpTo = Math.max(askedUpTo, end);
            for (String array : ProofpointTapEvents.ARRAYS) {
                List<Stored> in = new ArrayList<>();
                for (Stored s : records) {
                    long t = s.record.time.toEpochMilli();
                    if (s.record.array.equals(array)
                            && t >= start
                            && t <= end
                            && s.visibleAt <= now) {
                        in.add(s);
                    }
                }
                if (!in.isEmpty()) {
                    in.sort((a, b) -> a.record.time.compareTo(b.record.time));
                    ArrayNode node = body.putArray(array);
                    for (Stored s : in) {
                        node.add(read(s.record.json));
                        served.add(s.record.key);
                    }
                }
            }
        }
        return body.toString();
    }

    private static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("stand-in record is not JSON", e);
        }
    }

    private boolean authorized(String header) {
        String expected =
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString(
                                        (principal + ":" + secret)
                                                .getBytes(StandardCharsets.UTF_8));
        return expected.equals(header);
    }

    /** A fixed window of {@code rateLimit} requests; a refused one is told when it resets. */
    private synchronized boolean withinRateLimit(HttpExchange exchange) {
        long now = System.currentTimeMillis();
        if (rateWindow.take(now)) {
            return true;
        }
        throttled++;
        exchange.getResponseHeaders()
                .set("Retry-After", String.valueOf(rateWindow.secondsToReset(now)));
        return false;
    }
}
