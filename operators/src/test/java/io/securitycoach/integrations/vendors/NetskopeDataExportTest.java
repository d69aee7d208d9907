package io.securitycoach.integrations.vendors;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.integrations.IntegrationCursor;
import io.securitycoach.integrations.IntegrationDefinition;
import io.securitycoach.integrations.IntegrationPoll;
import io.securitycoach.integrations.IntegrationSettings;
import io.securitycoach.integrations.IntegrationValidator;
import io.securitycoach.integrations.PageAcknowledgements;
import io.securitycoach.integrations.TokenCache;
import io.securitycoach.integrations.VendorCall;
import io.securitycoach.integrations.VendorException;
import io.securitycoach.notify.channels.Reply;
import io.securitycoach.notify.channels.Request;
import io.securitycoach.notify.channels.Transport;
import io.securitycoach.records.RawEvent;
import io.securitycoach.schema.Json;
import io.securitycoach.validation.Problems;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Netskope data export client against an in-memory iterator that moves on its side: epoch
 * first, {@code next} only once the last page is in a completed checkpoint, {@code resend} after a
 * restore or a failed request (the page already emitted dropped, the one after the checkpoint
 * emitted once), {@code wait_time} and rate limit headers obeyed, failures classified.
 */
class NetskopeDataExportTest {
    static final String TOKEN = "nsk-token-1";

    /** A Netskope tenant's iterator: records per stream, a position per (stream, index). */
    static final class FakeNetskope implements Transport {
        final Map<String, List<String>> records = new HashMap<>();
        final Map<String, int[]> indexes = new HashMap<>(); // position, last from, last to
        final List<String> asked = new ArrayList<>();
        final List<String> served = new ArrayList<>();
        final Deque<Reply> scripted = new ArrayDeque<>();
        int pageSize = 2;
        int waitSeconds;

        FakeNetskope add(String stream, String... ids) {
            for (String id : ids) {
                records.computeIfAbsent(stream, k -> new ArrayList<>())
                        .add("{\"_id\": \"" + id + "\", \"timestamp\": 1800000000}");
            }
            return this;
        }

        @Override
        public CompletableFuture<Reply> send(Request request) {
            String stream = request.uri.getPath().replace("/api/v2/events/dataexport/", "");
            Map<String, String> q = query(request.uri);
            asked.add(stream + " " + q.get("operation"));
            if (!scripted.isEmpty()) {
                return CompletableFuture.completedFuture(scripted.poll());
            }
            if (!TOKEN.equals(request.headers.get("Netskope-Api-Token"))) {
                return CompletableFuture.completedFuture(new Reply(401, "{}", -1));
            }
            return CompletableFuture.completedFuture(answer(stream, q));
        }

        Reply answer(String stream, Map<String, String> q) {
            List<String> all = records.getOrDefault(stream, List.of());
            String key = stream + "?" + q.get("index");
            String op = q.get("operation");
            int[] it = indexes.get(key);
            if ("resend".equals(op)) {
                it = it == null ? new int[3] : it;
            } else {
                int from = "next".equals(op) ? it[0] : 0; // an epoch: all are after it here
                int to = Math.min(all.size(), from + pageSize);
                it = new int[] {to, from, to};
                indexes.put(key, it);
            }
            List<String> page = all.subList(it[1], it[2]);
            page.forEach(r -> served.add(id(r)));
            int wait = page.isEmpty() ? waitSeconds : 0;
            return new Reply(
                    200,
                    "{\"ok\": 1, \"result\": ["
                            + String.join(",", page)
                            + "], \"wait_time\": "
                            + wait
                            + "}",
                    -1);
        }

        static Map<String, String> query(URI uri) {
            Map<String, String> q = new HashMap<>();
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                q.put(kv[0], kv[1]);
            }
            return q;
        }
    }

    final FakeNetskope netskope = new FakeNetskope();
    final NetskopeDataExport api = new NetskopeDataExport();
    final IntegrationSettings settings = new IntegrationSettings();
    final List<RawEvent> out = new ArrayList<>();
    PageAcknowledgements acks = new PageAcknowledgements(true);

    static IntegrationDefinition def() {
        IntegrationDefinition d = new IntegrationDefinition();
        d.orgId = "acme";
        d.vendor = "netskope";
        d.baseUrl = "https://acme.goskope.com";
        d.auth = "token";
        d.secretRef = "file:orgs/acme/netskope-token";
        d.pollIntervalMillis = 60_000;
        d.pageSize = 10_000;
        return d;
    }

    VendorCall at(long now) {
        return new VendorCall(
                def(), netskope, ref -> TOKEN, new TokenCache(), Duration.ofSeconds(1), now, acks);
    }

    IntegrationPoll.Result poll(IntegrationCursor c, long now) {
        return new IntegrationPoll(api, settings).run(def(), c, at(now), out::add);
    }

    List<String> emitted() {
        return out.stream().map(e -> id(e.payload)).collect(Collectors.toList());
    }

    void checkpoint(long id) {
        acks.snapshotted(id);
        acks.completed(id);
    }

    static IntegrationCursor copy(IntegrationCursor c) throws Exception {
        return Json.mapper()
                .readValue(Json.mapper().writeValueAsString(c), IntegrationCursor.class);
    }

    @Test
    void firstCallPositionsEachStreamAtTheStartTimeWithTheTokenAndItsOwnIndex() throws Exception {
        netskope.add("alerts/dlp", "d1", "d2", "d3");
        IntegrationCursor c = IntegrationCursor.startingAt(1_700_000_000_000L);
        poll(c, 1_000);
        assertThat(netskope.asked.get(0)).isEqualTo("alerts/dlp 1700000000");
        assertThat(netskope.asked).allMatch(a -> a.endsWith(" 1700000000"));
        assertThat(emitted()).containsExactly("d1", "d2");
        assertThat(out.get(0).vendor).isEqualTo("netskope");
        assertThat(out.get(0).origin)
                .startsWith("integration:acme/netskope page 1 alerts/dlp operation=1700000000");
        String index = NetskopeDataExport.indexName(def());
        assertThat(index).startsWith("coach_acme_").matches("[A-Za-z0-9_]+");
        IntegrationDefinition other = def();
        other.orgId = "globex";
        assertThat(NetskopeDataExport.indexName(other)).isNotEqualTo(index);
    }

    @Test
    void asksForNextOnlyOnceTheLastPageIsInACompletedCheckpoint() {
        netskope.add("alerts/dlp", "d1", "d2", "d3", "d4", "d5");
        IntegrationCursor c = IntegrationCursor.startingAt(0);
        poll(c, 1_000);
        assertThat(emitted()).containsExactly("d1", "d2");
        poll(c, 2_000);
        assertThat(netskope.asked).doesNotContain("alerts/dlp next");
        acks.snapshotted(1); // taken, not completed: still no next
        poll(c, 3_000);
        assertThat(netskope.asked).doesNotContain("alerts/dlp next");
        acks.completed(1);
        poll(c, 4_000);
        assertThat(emitted()).containsExactly("d1", "d2", "d3", "d4");
        checkpoint(2);
        poll(c, 5_000);
        checkpoint(3);
        poll(c, 6_000);
        assertThat(emitted()).containsExactly("d1", "d2", "d3", "d4", "d5");
        assertThat(netskope.served).containsExactly("d1", "d2", "d3", "d4", "d5");
    }

    @Test
    void aRestoreWhoseLastPageWasCheckpointedResendsItAndDropsIt() throws Exception {
        netskope.add("alerts/dlp", "d1", "d2", "d3", "d4");
        IntegrationCursor c = IntegrationCursor.startingAt(0);
        poll(c, 1_000);
        IntegrationCursor checkpointed = copy(c);
        checkpoint(1);
        acks = new PageAcknowledgements(true); // the task restarts: nothing known
        out.clear();
        poll(checkpointed, 2_000);
        assertThat(netskope.asked)
                .as("resend first, then next at once: the resent page is the checkpoint's own")
                .containsSubsequence("alerts/dlp resend", "alerts/dlp next");
        assertThat(emitted()).containsExactly("d3", "d4");
        assertThat(netskope.served).containsExactly("d1", "d2", "d1", "d2", "d3", "d4");
    }

    @Test
    void aRestoreAfterAPageTheCheckpointMissedEmitsThatPageOnce() throws Exception {
        netskope.add("alerts/dlp", "d1", "d2", "d3", "d4", "d5");
        IntegrationCursor c = IntegrationCursor.startingAt(0);
        poll(c, 1_000);
        checkpoint(1);
        IntegrationCursor checkpointed = copy(c); // holds d1, d2
        poll(c, 2_000); // next: d3, d4 emitted, then the task fails before a checkpoint
        assertThat(emitted()).containsExactly("d1", "d2", "d3", "d4");
        acks = new PageAcknowledgements(true);
        out.clear();
        poll(checkpointed, 3_000);
        assertThat(emitted())
                .as("resend serves what the checkpoint missed")
                .containsExactly("d3", "d4");
        poll(checkpointed, 4_000);
        assertThat(emitted()).as("and waits for a checkpoint before next").hasSize(2);
        checkpoint(2);
        poll(checkpointed, 5_000);
        assertThat(emitted()).containsExactly("d3", "d4", "d5");
    }

    @Test
    void aFailedRequestIsFollowedByResendAndItsPageDroppedWhenAlreadyEmitted() {
        netskope.add("alerts/dlp", "d1", "d2", "d3");
        IntegrationCursor c = IntegrationCursor.startingAt(0);
        poll(c, 1_000);
        checkpoint(1);
        netskope.scripted.add(new Reply(502, "{}", -1)); // the next request of the next poll
        IntegrationPoll.Result failed = poll(c, 2_000);
        assertThat(failed.emitted).isZero();
        assertThat(netskope.asked.get(netskope.asked.size() - 1)).endsWith(" next");
        String stream = netskope.asked.get(netskope.asked.size() - 1).split(" ")[0];
        poll(c, 60_000);
        assertThat(netskope.asked).contains(stream + " resend");
        assertThat(emitted()).doesNotHaveDuplicates();
    }

    @Test
    void waitTimeHoldsAStreamBeyondThePollInterval() {
        netskope.waitSeconds = 90;
        IntegrationCursor c = IntegrationCursor.startingAt(0);
        IntegrationPoll.Result r = poll(c, 1_000);
        assertThat(netskope.asked).hasSize(NetskopeDataExport.STREAMS.size());
        assertThat(c.caughtUpAt).isEqualTo(1_000);
        assertThat(r.nextPollAt).isEqualTo(61_000);
        int before = netskope.asked.size();
        poll(c, 61_000); // the interval is over, the wait_time is not: nothing asked
        assertThat(netskope.asked).hasSize(before);
        assertThat(c.caughtUpAt).as("waiting as told is being caught up").isEqualTo(61_000);
        poll(c, 91_000);
        assertThat(netskope.asked).hasSize(2 * before);
    }

    @Test
    void rateLimitHeadersAreObeyed() {
        Map<String, String> h = Map.of("ratelimit-remaining", "0", "ratelimit-reset", "3");
        assertThat(NetskopeDataExport.rateLimitWait(new Reply(429, "{}", -1, h))).isEqualTo(3000);
        assertThat(NetskopeDataExport.rateLimitWait(new Reply(200, "{}", -1, h))).isEqualTo(3000);
        Map<String, String> left = Map.of("ratelimit-remaining", "2", "ratelimit-reset", "1");
        assertThat(NetskopeDataExport.rateLimitWait(new Reply(200, "{}", -1, left))).isZero();
        netskope.scripted.add(new Reply(429, "{}", -1, h));
        IntegrationCursor c = IntegrationCursor.startingAt(0);
        IntegrationPoll.Result r = poll(c, 1_000);
        assertThat(r.nextPollAt).isEqualTo(4_000);
    }

    @Test
    void failuresAreClassified() {
        assertThat(kind(401)).isEqualTo(VendorException.Kind.AUTH_FAILED);
        assertThat(kind(403)).isEqualTo(VendorException.Kind.FORBIDDEN);
        assertThat(kind(409)).isEqualTo(VendorException.Kind.VENDOR_DOWN);
        assertThat(kind(503)).isEqualTo(VendorException.Kind.VENDOR_DOWN);
        assertThat(kind(400)).isEqualTo(VendorException.Kind.PROTOCOL);
        IntegrationCursor c = IntegrationCursor.startingAt(0);
        netskope.scripted.add(new Reply(200, "{\"ok\": 0, \"error\": \"bad\"}", -1));
        poll(c, 1_000);
        assertThat(c.failures).isEqualTo(1);
        assertThat(c.next).isNull();
    }

    @Test
    void aRevokedTokenIsAnAuthFailure() {
        IntegrationCursor c = IntegrationCursor.startingAt(0);
        IntegrationPoll.Result r =
                new IntegrationPoll(api, settings)
                        .run(
                                def(),
                                c,
                                new VendorCall(
                                        def(),
                                        netskope,
                                        ref -> "revoked",
                                        new TokenCache(),
                                        Duration.ofSeconds(1),
                                        1_000,
                                        acks),
                                out::add);
        assertThat(r.healthChange).isEqualTo("auth_failed");
    }

    @Test
    void theIteratorStateSurvivesItsText() {
        NetskopeIterators its = NetskopeIterators.of(NetskopeDataExport.STREAMS, null);
        NetskopeIterators.Stream s = its.stream("alerts/uba");
        s.opened = true;
        s.fingerprint = NetskopeIterators.fingerprint(List.of("a", "b"));
        s.waitUntil = 42;
        s.drained = true;
        s.askedAt = 7;
        its.turn = 4;
        NetskopeIterators back = NetskopeIterators.of(NetskopeDataExport.STREAMS, its.text());
        assertThat(back.text()).isEqualTo(its.text());
        assertThat(back.stream("alerts/uba").fingerprint).isEqualTo(s.fingerprint);
        assertThat(NetskopeIterators.fingerprint(List.of("a", "b")))
                .isNotEqualTo(NetskopeIterators.fingerprint(List.of("b", "a")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://acme.goskope.com", "https://acme.eu.goskope.com/"})
    void acceptsTenantHostsWithATokenAndNoClient(String url) {
        Problems problems = new Problems();
        IntegrationDefinition d =
                new IntegrationValidator(settings)
                        .read("acme", "netskope", 1, definition(url), problems);
        assertThat(problems.messages()).isEmpty();
        assertThat(d.auth).isEqualTo("token");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://goskope.com",
                "https://acme.goskope.com.evil.example",
                "https://evil.example",
                "http://acme.goskope.com",
                "https://10.0.0.5"
            })
    void refusesOtherHosts(String url) {
        settings.allowCustomDomains = true; // an Okta custom domain; never a Netskope tenant
        Problems problems = new Problems();
        assertThat(
                        new IntegrationValidator(settings)
                                .read("acme", "netskope", 1, definition(url), problems))
                .isNull();
        assertThat(problems.messages()).anyMatch(m -> m.startsWith("base_url"));
    }

    static String definition(String url) {
        return "{\"base_url\": \""
                + url
                + "\", \"auth\": \"token\", \"secret\": \"file:orgs/acme/netskope-token\"}";
    }

    static VendorException.Kind kind(int status) {
        return NetskopeDataExport.failure(new Reply(status, "{}", -1), "alerts/dlp", 0).kind;
    }

    static String id(String json) {
        try {
            return Json.mapper().readTree(json).path("_id").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
