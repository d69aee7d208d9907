package io.securitycoach.integrations.vendors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.integrations.IntegrationCursor;
import io.securitycoach.integrations.IntegrationDefinition;
import io.securitycoach.integrations.IntegrationPoll;
import io.securitycoach.integrations.IntegrationSettings;
import io.securitycoach.integrations.IntegrationValidator;
import io.securitycoach.integrations.Page;
import io.securitycoach.integrations.TokenCache;
import io.securitycoach.integrations.VendorCall;
import io.securitycoach.integrations.VendorException;
import io.securitycoach.normalize.PageSplitter;
import io.securitycoach.normalize.vendors.ProofpointTapNormalizer;
import io.securitycoach.notify.channels.Reply;
import io.securitycoach.notify.channels.Request;
import io.securitycoach.records.RawEvent;
import io.securitycoach.schema.Json;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.validation.Problems;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The TAP SIEM API client against scripted answers: windows, cursor, repeats, failures. */
class ProofpointTapTest {
    static final long NOW = Instant.parse("2026-12-01T12:00:00Z").toEpochMilli();
    static final long MINUTE = 60_000;

    final ProofpointTap tap = new ProofpointTap();
    final List<Request> asked = new ArrayList<>();
    final Deque<Reply> answers = new ArrayDeque<>();

    static IntegrationDefinition def() {
        IntegrationDefinition d = new IntegrationDefinition();
        d.orgId = "acme";
        d.vendor = ProofpointTap.NAME;
        d.baseUrl = ProofpointTap.TAP;
        d.auth = "basic";
        d.clientId = "sp-acme";
        d.secretRef = "env:COACH_ORG_ACME__TAP_SECRET";
        d.pollIntervalMillis = 60_000;
        d.pageSize = 1;
        return d;
    }

    VendorCall at(long now) {
        return new VendorCall(
                def(),
                r -> {
                    asked.add(r);
                    Reply reply = answers.poll();
                    return CompletableFuture.completedFuture(
                            reply != null ? reply : new Reply(200, "{}", -1));
                },
                ref -> "tap-s3cret",
                new TokenCache(),
                Duration.ofSeconds(1),
                now);
    }

    static String click(String id, String time) {
        return "{\"GUID\": \"g-"
                + id
                + "\", \"id\": \""
                + id
                + "\", \"clickTime\": \""
                + time
                + "\", \"recipient\": \"ana@acme.test\", \"url\":"
                + " \"http://invoice.example.test/pay\", \"classification\": \"phish\","
                + " \"threatStatus\": \"active\", \"clickIP\": \"198.51.100.7\"}";
    }

    static String message(String guid, String time) {
        return "{\"GUID\": \""
                + guid
                + "\", \"messageTime\": \""
                + time
                + "\", \"recipient\": [\"ben@acme.test\"], \"sender\": \"x@bad.test\","
                + " \"subject\": \"Invoice\", \"threatsInfoMap\": [{\"threatType\": \"url\","
                + " \"threat\": \"http://invoice.example.test/pay\", \"classification\":"
                + " \"phish\", \"threatStatus\": \"active\"}]}";
    }

    static Reply answer(String queryEnd, String array, String... records) {
        return new Reply(
                200,
                "{\"queryEndTime\": \""
                        + queryEnd
                        + "\", \""
                        + array
                        + "\": ["
                        + String.join(",", records)
                        + "]}",
                -1);
    }

    /** The interval asked for, as [start, end] epoch ms. */
    static long[] interval(Request r) {
        String query = URLDecoder.decode(r.uri.getRawQuery(), StandardCharsets.UTF_8);
        assertThat(query).startsWith("format=json&interval=");
        String[] ends = query.substring("format=json&interval=".length()).split("/");
        return new long[] {
            Instant.parse(ends[0]).toEpochMilli(), Instant.parse(ends[1]).toEpochMilli()
        };
    }

    @Test
    void aBackfillIsFetchedInWindowsOfAtMostAnHourUpToTheSettleLine() {
        IntegrationSettings settings = new IntegrationSettings();
        IntegrationCursor cursor = IntegrationCursor.startingAt(NOW - 3 * 60 * MINUTE);
        List<RawEvent> out = new ArrayList<>();
        IntegrationPoll.Result r =
                new IntegrationPoll(tap, settings).run(def(), cursor, at(NOW), out::add);
        assertThat(asked).hasSize(4);
        long previousEnd = NOW - 3 * 60 * MINUTE;
        for (Request request : asked) {
            long[] w = interval(request);
            assertThat(w[1] - w[0]).isLessThanOrEqualTo(60 * MINUTE).isGreaterThan(MINUTE / 2);
            assertThat(w[0])
                    .as("each window reads again 5 minutes before the cursor")
                    .isEqualTo(previousEnd - 5 * MINUTE);
            previousEnd = w[1];
        }
        assertThat(previousEnd).as("short of now by the settle margin").isEqualTo(NOW - MINUTE);
        assertThat(cursor.since)
                .as("the cursor is the end of the last window")
                .isEqualTo(previousEnd);
        assertThat(r.nextPollAt)
                .as("caught up: the next poll after the interval")
                .isEqualTo(NOW + 60_000);
        assertThat(asked.get(0).headers.get("Authorization"))
                .isEqualTo(VendorCall.basic("sp-acme", "tap-s3cret"));
        assertThat(asked.get(0).uri.toString())
                .startsWith("https://tap-api-v2.proofpoint.com/v2/siem/all?");
    }

    @Test
    void aRestoredCursorAsksForExactlyTheNextWindowAndNothingBeforeTheSettleLine()
            throws Exception {
        IntegrationCursor cursor = IntegrationCursor.startingAt(NOW - 10 * MINUTE);
        Page page = tap.fetch(def(), cursor, at(NOW));
        assertThat(interval(asked.get(0))).containsExactly(NOW - 15 * MINUTE, NOW - MINUTE);
        assertThat(page.since).isEqualTo(NOW - MINUTE);
        assertThat(page.caughtUp).isTrue();

        IntegrationCursor restored = IntegrationCursor.startingAt(page.since);
        Page none = tap.fetch(def(), restored, at(NOW));
        assertThat(asked)
                .as("the settle line has not moved past the cursor: no request")
                .hasSize(1);
        assertThat(none.caughtUp).isTrue();
        assertThat(none.items).isEmpty();
        assertThat(none.since).isEqualTo(NOW - MINUTE);
    }

    @Test
    void aCursorOlderThanTapKeepsStartsInsideItsSevenDays() throws Exception {
        IntegrationCursor cursor =
                IntegrationCursor.startingAt(NOW - Duration.ofDays(9).toMillis());
        tap.fetch(def(), cursor, at(NOW));
        long[] w = interval(asked.get(0));
        assertThat(w[0]).isEqualTo(NOW - Duration.ofDays(7).toMillis() + MINUTE);
        assertThat(w[1] - w[0]).isEqualTo(60 * MINUTE);
    }

    @Test
    void eachRecordKeepsItsArrayAsFeedExactlyAsASplitResponseWould() throws Exception {
        String response =
                "{\"queryEndTime\": \"2026-12-01T11:59:00Z\", \"clicksPermitted\": ["
                        + click("c1", "2026-12-01T11:50:00Z")
                        + "], \"messagesDelivered\": ["
                        + message("m1", "2026-12-01T11:40:00Z")
                        + "]}";
        answers.add(new Reply(200, response, -1));
        Page page = tap.fetch(def(), IntegrationCursor.startingAt(NOW - 10 * MINUTE), at(NOW));
        List<String> split =
                PageSplitter.split(Json.mapper().readTree(response)).stream()
                        .map(e -> e.record.toString())
                        .collect(Collectors.toList());
        assertThat(page.items)
                .extracting(i -> i.json)
                .as("oldest first, each as the file input's page splitter gives it")
                .containsExactlyInAnyOrderElementsOf(split);
        assertThat(page.items)
                .extracting(i -> i.id)
                .containsExactly("messagesDelivered:m1", "clicksPermitted:c1");
        SecurityEvent e = new SecurityEvent();
        new ProofpointTapNormalizer().normalize(Json.mapper().readTree(page.items.get(1).json), e);
        assertThat(e.activity).isEqualTo("click_permitted");
        assertThat(e.action).isEqualTo("allowed");
        assertThat(page.items.get(1).eventTime)
                .isEqualTo(Instant.parse("2026-12-01T11:50:00Z").toEpochMilli());
    }

    @Test
    void whatTheOverlapReturnsAgainIsEmittedOnce() {
        answers.add(
                answer(
                        "2026-12-01T11:59:00Z",
                        "clicksBlocked",
                        click("c1", "2026-12-01T11:58:00Z")));
        answers.add(
                answer(
                        "2026-12-01T12:01:00Z",
                        "clicksBlocked",
                        click("c1", "2026-12-01T11:58:00Z"),
                        click("c2", "2026-12-01T12:00:30Z")));
        IntegrationCursor cursor = IntegrationCursor.startingAt(NOW - 10 * MINUTE);
        IntegrationPoll poll = new IntegrationPoll(tap, new IntegrationSettings());
        List<RawEvent> out = new ArrayList<>();
        poll.run(def(), cursor, at(NOW), out::add);
        poll.run(def(), cursor, at(NOW + 2 * MINUTE), out::add);
        assertThat(out).extracting(ProofpointTapTest::id).containsExactly("c1", "c2");
        assertThat(out.get(0).vendor).isEqualTo("proofpoint");
        assertThat(out.get(1).origin)
                .startsWith("integration:acme/proofpoint page 2 interval=2026-12-01T11:54:00Z/");
    }

    @Test
    void recordsAreKeyedByArrayAndIdElseGuidOrMessageIdWithTime() throws Exception {
        assertThat(
                        ProofpointTap.recordKey(
                                "clicksPermitted", Json.mapper().readTree(click("c9", "t"))))
                .isEqualTo("clicksPermitted:c9");
        assertThat(
                        ProofpointTap.recordKey(
                                "clicksBlocked",
                                Json.mapper().readTree("{\"GUID\": \"g\", \"clickTime\": \"t1\"}")))
                .isEqualTo("clicksBlocked:g@t1");
        assertThat(
                        ProofpointTap.recordKey(
                                "messagesBlocked",
                                Json.mapper()
                                        .readTree(
                                                "{\"messageID\": \"<a@b>\", \"messageTime\":"
                                                        + " \"t2\"}")))
                .isEqualTo("messagesBlocked:<a@b>@t2");
        assertThat(ProofpointTap.recordKey("messagesBlocked", Json.mapper().readTree("{\"x\": 1}")))
                .isNull();
    }

    @Test
    void anEarlierQueryEndTimeIsWhereTheNextWindowResumes() throws Exception {
        answers.add(answer("2026-12-01T11:58:30Z", "clicksBlocked"));
        Page page = tap.fetch(def(), IntegrationCursor.startingAt(NOW - 10 * MINUTE), at(NOW));
        assertThat(page.since).isEqualTo(Instant.parse("2026-12-01T11:58:30Z").toEpochMilli());
    }

    @Test
    void anAnswerOverTheLimitAsksForHalfTheWindowUntilCaughtUp() throws Exception {
        IntegrationCursor cursor = IntegrationCursor.startingAt(NOW - 3 * 60 * MINUTE);
        answers.add(new Reply(200, "{\"clicksBlocked\": [{\"id\"", -1, Map.of(), true));
        Page cut = tap.fetch(def(), cursor, at(NOW));
        assertThat(cut.items).isEmpty();
        assertThat(cut.since).as("the cursor stays").isZero();
        assertThat(cut.caughtUp).isFalse();
        assertThat(cut.next).isEqualTo("window-ms=" + 55 * MINUTE / 2);

        cursor.next = cut.next;
        Page half = tap.fetch(def(), cursor, at(NOW));
        long[] w = interval(asked.get(1));
        assertThat(w[0]).isEqualTo(NOW - 185 * MINUTE);
        assertThat(w[1]).isEqualTo(NOW - 180 * MINUTE + 55 * MINUTE / 2);
        assertThat(half.next).as("shorter windows until caught up").isEqualTo(cut.next);

        cursor.since = NOW - 10 * MINUTE;
        Page last = tap.fetch(def(), cursor, at(NOW));
        assertThat(last.caughtUp).isTrue();
        assertThat(last.next).isNull();
    }

    @Test
    void aWindowOfThirtySecondsOverTheLimitIsAFailure() {
        IntegrationCursor cursor = IntegrationCursor.startingAt(NOW - 10 * MINUTE);
        cursor.next = "window-ms=30000";
        answers.add(new Reply(200, "{", -1, Map.of(), true));
        assertThatThrownBy(() -> tap.fetch(def(), cursor, at(NOW)))
                .isInstanceOfSatisfying(
                        VendorException.class,
                        e -> assertThat(e.kind).isEqualTo(VendorException.Kind.PROTOCOL));
    }

    @Test
    void failuresSayWhatTheyAreAndHowLongToWait() {
        assertFailure(new Reply(401, "", -1), VendorException.Kind.AUTH_FAILED, -1);
        assertFailure(new Reply(403, "", -1), VendorException.Kind.FORBIDDEN, -1);
        assertFailure(new Reply(429, "", 2_000), VendorException.Kind.RATE_LIMITED, 2_000);
        assertFailure(
                new Reply(429, "", -1),
                VendorException.Kind.RATE_LIMITED,
                ProofpointTap.THROTTLED_WAIT_MILLIS);
        assertFailure(new Reply(503, "", -1), VendorException.Kind.VENDOR_DOWN, -1);
        assertFailure(new Reply(400, "bad interval", -1), VendorException.Kind.PROTOCOL, -1);
        assertFailure(new Reply(200, "<html>", -1), VendorException.Kind.PROTOCOL, -1);
        assertFailure(
                new Reply(200, "{\"clicksBlocked\": {}}", -1), VendorException.Kind.PROTOCOL, -1);
    }

    @Test
    void noContentIsAnEmptyWindow() throws Exception {
        answers.add(new Reply(204, "", -1));
        Page page = tap.fetch(def(), IntegrationCursor.startingAt(NOW - 10 * MINUTE), at(NOW));
        assertThat(page.items).isEmpty();
        assertThat(page.since).isEqualTo(NOW - MINUTE);
    }

    @Test
    void theValidatorTakesTheFixedOriginAPrincipalAndAMinuteBetweenPolls() {
        IntegrationSettings settings = new IntegrationSettings();
        Problems ok = new Problems();
        IntegrationDefinition d =
                new IntegrationValidator(settings)
                        .read(
                                "acme",
                                "proofpoint",
                                1,
                                "{\"client_id\": \"sp-acme\", \"secret\":"
                                    + " \"env:COACH_ORG_ACME__TAP_SECRET\", \"backfill\": \"7d\"}",
                                ok);
        assertThat(ok.messages()).isEmpty();
        assertThat(d.baseUrl).isEqualTo("https://tap-api-v2.proofpoint.com");
        assertThat(d.auth).isEqualTo("basic");

        Problems bad = new Problems();
        new IntegrationValidator(settings)
                .read(
                        "acme",
                        "proofpoint",
                        1,
                        "{\"base_url\": \"https://tap-api-v2.proofpoint.com.evil.test\","
                            + " \"secret\": \"env:COACH_ORG_ACME__TAP_SECRET\", \"poll_interval\":"
                            + " \"10s\", \"backfill\": \"8d\"}",
                        bad);
        assertThat(String.join("\n", bad.messages()))
                .contains("base_url", "client_id", "poll_interval", "backfill")
                .doesNotContain("tenant_id");
    }

    private void assertFailure(Reply reply, VendorException.Kind kind, long wait) {
        answers.add(reply);
        assertThatThrownBy(
                        () ->
                                tap.fetch(
                                        def(),
                                        IntegrationCursor.startingAt(NOW - 10 * MINUTE),
                                        at(NOW)))
                .isInstanceOfSatisfying(
                        VendorException.class,
                        e -> {
                            assertThat(e.kind).as("status %s", reply.status).isEqualTo(kind);
                            assertThat(e.retryAfterMillis).isEqualTo(wait);
                        });
    }

    private static String id(RawEvent e) {
        try {
            JsonNode r = Json.mapper().readTree(e.payload);
            assertThat(r.path("feed").asText()).isEqualTo("clicksBlocked");
            return r.path("id").asText();
        } catch (Exception x) {
            throw new IllegalStateException(x);
        }
    }
}
