package io.securitycoach.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.records.RawEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One poll's bookkeeping against a scripted vendor: cursor, repeats, backoff, health. */
class IntegrationPollTest {
    /** Answers from a script: a page or a failure per request. */
    static final class ScriptedApi implements VendorApi {
        final Deque<Object> answers = new ArrayDeque<>();
        final List<String> askedWith = new ArrayList<>();

        ScriptedApi page(boolean caughtUp, String next, String... ids) {
            Page p = new Page();
            for (String id : ids) {
                p.items.add(new Page.Item(id, 1_000 * id.length(), "{\"id\": \"" + id + "\"}"));
            }
            p.next = next;
            p.caughtUp = caughtUp;
            answers.add(p);
            return this;
        }

        ScriptedApi fail(VendorException.Kind kind, long retryAfter) {
            answers.add(new VendorException(kind, kind.name(), retryAfter));
            return this;
        }

        @Override
        public Page fetch(IntegrationDefinition def, IntegrationCursor cursor, VendorCall call)
                throws VendorException {
            askedWith.add(cursor.next);
            Object a = answers.poll();
            if (a instanceof VendorException) {
                throw (VendorException) a;
            }
            return (Page) a;
        }

        public String name() {
            return "okta";
        }

        public String normalizerVendor() {
            return "okta";
        }

        public String fixedBaseUrl() {
            return null;
        }

        public List<String> hostPatterns() {
            return List.of();
        }

        public List<String> authKinds() {
            return List.of("ssws");
        }

        public int defaultPageSize() {
            return 2;
        }

        public int maxPageSize() {
            return 2;
        }

        public long maxBackfillMillis() {
            return 1;
        }
    }

    static IntegrationDefinition def() {
        IntegrationDefinition d = new IntegrationDefinition();
        d.orgId = "acme";
        d.vendor = "okta";
        d.pollIntervalMillis = 60_000;
        d.baseUrl = "https://acme.okta.com";
        return d;
    }

    static VendorCall at(long now) {
        return new VendorCall(
                def(), r -> null, ref -> "x", new TokenCache(), Duration.ofSeconds(1), now);
    }

    final IntegrationSettings settings = new IntegrationSettings();
    final List<RawEvent> out = new ArrayList<>();

    @Test
    void pagesUntilCaughtUpThenWaitsTheInterval() {
        ScriptedApi api = new ScriptedApi().page(false, "n1", "a", "b").page(true, "n2", "c");
        IntegrationCursor c = IntegrationCursor.startingAt(0);
        IntegrationPoll.Result r =
                new IntegrationPoll(api, settings).run(def(), c, at(10_000), out::add);
        assertThat(out)
                .extracting(e -> e.payload)
                .containsExactly("{\"id\": \"a\"}", "{\"id\": \"b\"}", "{\"id\": \"c\"}");
        assertThat(out.get(2).origin).isEqualTo("integration:acme/okta page 2");
        assertThat(api.askedWith).containsExactly(null, "n1");
        assertThat(c.next).isEqualTo("n2");
        assertThat(c.events).isEqualTo(3);
        assertThat(r.nextPollAt).isEqualTo(70_000);
        assertThat(r.healthChange).isEqualTo(IntegrationHealth.HEALTHY);
    }

    @Test
    void aLostCursorRestartsWithOverlapAndRepeatsAreDropped() {
        ScriptedApi api =
                new ScriptedApi()
                        .page(true, "n1", "a", "bb")
                        .fail(VendorException.Kind.BAD_CURSOR, -1)
                        .page(true, "n2", "bb", "ccc");
        IntegrationCursor c = IntegrationCursor.startingAt(0);
        IntegrationPoll poll = new IntegrationPoll(api, settings);
        poll.run(def(), c, at(1), out::add);
        IntegrationPoll.Result lost = poll.run(def(), c, at(2), out::add);
        assertThat(c.next).isNull();
        assertThat(c.since).isEqualTo(0); // newest event 2 s minus a minute, never before the start
        assertThat(lost.nextPollAt).isEqualTo(2);
        poll.run(def(), c, at(3), out::add);
        assertThat(out)
                .extracting(e -> e.payload)
                .containsExactly("{\"id\": \"a\"}", "{\"id\": \"bb\"}", "{\"id\": \"ccc\"}");
    }

    @Test
    void retryAfterIsHonouredAndRepeatedFailuresAreReportedOnceThenRecovered() {
        ScriptedApi api =
                new ScriptedApi()
                        .fail(VendorException.Kind.RATE_LIMITED, 30_000)
                        .fail(VendorException.Kind.VENDOR_DOWN, -1)
                        .fail(VendorException.Kind.VENDOR_DOWN, -1)
                        .fail(VendorException.Kind.VENDOR_DOWN, -1)
                        .page(true, "n", "a");
        IntegrationCursor c = IntegrationCursor.startingAt(0);
        IntegrationPoll poll = new IntegrationPoll(api, settings);
        List<String> changes = new ArrayList<>();
        IntegrationPoll.Result first = poll.run(def(), c, at(0), out::add);
        assertThat(first.nextPollAt).as("the vendor's Retry-After").isEqualTo(30_000);
        for (int i = 1; i <= 4; i++) {
            IntegrationPoll.Result r = poll.run(def(), c, at(i), out::add);
            if (r.healthChange != null) {
                changes.add(r.healthChange);
            }
            if (i == 2) {
                assertThat(r.nextPollAt)
                        .as("the third failure in a row: 2 s doubled twice")
                        .isEqualTo(2 + 8_000);
            }
        }
        assertThat(changes)
                .containsExactly(IntegrationHealth.VENDOR_DOWN, IntegrationHealth.RECOVERED);
    }

    @Test
    void authFailuresAreReportedAtOnceAndRetriedSlowly() {
        ScriptedApi api = new ScriptedApi().fail(VendorException.Kind.AUTH_FAILED, -1);
        IntegrationCursor c = IntegrationCursor.startingAt(0);
        IntegrationPoll.Result r =
                new IntegrationPoll(api, settings).run(def(), c, at(0), out::add);
        assertThat(r.healthChange).isEqualTo(IntegrationHealth.AUTH_FAILED);
        assertThat(r.nextPollAt).isEqualTo(settings.maxBackoffMillis);
    }

    @Test
    void anIntegrationThatDoesNotCatchUpIsLagging() {
        settings.lagAlertMillis = 1000;
        ScriptedApi api = new ScriptedApi().page(false, "n1", "a", "b");
        settings.maxPagesPerPoll = 1;
        IntegrationCursor c = IntegrationCursor.startingAt(0);
        c.caughtUpAt = 0;
        IntegrationPoll.Result r =
                new IntegrationPoll(api, settings).run(def(), c, at(5000), out::add);
        assertThat(r.lagMillis).isEqualTo(5000);
        assertThat(r.healthChange).isEqualTo(IntegrationHealth.LAGGING);
        assertThat(r.nextPollAt).as("more pages wait: at once").isEqualTo(5000);
    }
}
