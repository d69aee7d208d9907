package io.securitycoach.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.securitycoach.notify.channels.WebhookChannel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalReceiverTest {
    @TempDir Path dir;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> post(
            LocalReceiver r, String path, String key, String body, String... headers)
            throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(r.baseUrl() + path))
                        .header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void recordsEveryRequestAndShowsEachIdempotencyKeyOnce() throws Exception {
        Path record = dir.resolve("r.jsonl");
        try (LocalReceiver r = LocalReceiver.builder().record(record).start()) {
            assertThat(
                            post(r, "/webhook", "k1", "{\"email\":\"a@acme.com\",\"text\":\"hi\"}")
                                    .statusCode())
                    .isEqualTo(200);
            assertThat(
                            post(r, "/webhook", "k1", "{\"email\":\"a@acme.com\",\"text\":\"hi\"}")
                                    .statusCode())
                    .isEqualTo(200);
            assertThat(post(r, "/teams", "k2", "not json").statusCode()).isEqualTo(200);
            assertThat(post(r, "/nowhere", "k3", "{}").statusCode()).isEqualTo(404);
            assertThat(r.acceptedCountsByKey())
                    .containsEntry("k1", 2)
                    .containsEntry("k2", 1)
                    .doesNotContainKey("k3");
            assertThat(r.accepted()).hasSize(2);
        }
        List<String> lines = Files.readAllLines(record);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1))
                .contains("\"duplicate\":true")
                .contains("\"shown\":false")
                .contains("\"path\":\"/webhook\"");
        assertThat(lines.get(2)).contains("\"body\":\"not json\"");
    }

    @Test
    void slackNeedsABotTokenAndKnowsItsUsers() throws Exception {
        try (LocalReceiver r = LocalReceiver.builder().start()) {
            HttpResponse<String> noToken =
                    http.send(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    r.baseUrl()
                                                            + "/slack/api/users.lookupByEmail?email=a%40acme.com"))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(noToken.body()).contains("invalid_auth");
            HttpResponse<String> found =
                    http.send(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    r.baseUrl()
                                                            + "/slack/api/users.lookupByEmail?email=a%40acme.com"))
                                    .header("Authorization", "Bearer xoxb-1")
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(found.body()).contains("\"ok\":true").contains("\"id\":\"U");
            HttpResponse<String> unknown =
                    http.send(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    r.baseUrl()
                                                            + "/slack/api/users.lookupByEmail?email=unknown%40acme.com"))
                                    .header("Authorization", "Bearer xoxb-1")
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(unknown.body()).contains("users_not_found");
        }
    }

    @Test
    void checksWebhookSignaturesWhenItKnowsTheSecret() throws Exception {
        try (LocalReceiver r = LocalReceiver.builder().signingSecret("s3cret").start()) {
            String body = "{\"notification_id\":\"d1:webhook\",\"email\":\"a@acme.com\"}";
            String ts = String.valueOf(System.currentTimeMillis() / 1000);
            assertThat(
                            post(
                                            r,
                                            "/webhook",
                                            "k1",
                                            body,
                                            WebhookChannel.TIMESTAMP_HEADER,
                                            ts,
                                            WebhookChannel.SIGNATURE_HEADER,
                                            "v1=" + WebhookChannel.sign("s3cret", ts, body))
                                    .statusCode())
                    .isEqualTo(200);
            assertThat(
                            post(
                                            r,
                                            "/webhook",
                                            "k2",
                                            body,
                                            WebhookChannel.TIMESTAMP_HEADER,
                                            ts,
                                            WebhookChannel.SIGNATURE_HEADER,
                                            "v1=" + WebhookChannel.sign("wrong", ts, body))
                                    .statusCode())
                    .isEqualTo(401);
            assertThat(post(r, "/webhook", "k3", body).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aStaleTimestampIsRefusedAndAReplayWithAFreshKeyIsADuplicate() throws Exception {
        try (LocalReceiver r = LocalReceiver.builder().signingSecret("s3cret").start()) {
            String body = "{\"notification_id\":\"d1:webhook\",\"text\":\"hi\"}";
            for (String ts :
                    new String[] {
                        "0", "86400", String.valueOf(System.currentTimeMillis() / 1000 - 301)
                    }) {
                HttpResponse<String> stale =
                        post(
                                r,
                                "/webhook",
                                "fresh-" + ts,
                                body,
                                WebhookChannel.TIMESTAMP_HEADER,
                                ts,
                                WebhookChannel.SIGNATURE_HEADER,
                                "v1=" + WebhookChannel.sign("s3cret", ts, body));
                assertThat(stale.statusCode()).as("signed at " + ts).isEqualTo(401);
                assertThat(stale.body()).contains("outside the 300 s window");
            }
            String now = String.valueOf(System.currentTimeMillis() / 1000);
            for (String key : new String[] {"k1", "k2", "k3"}) {
                assertThat(
                                post(
                                                r,
                                                "/webhook",
                                                key,
                                                body,
                                                WebhookChannel.TIMESTAMP_HEADER,
                                                now,
                                                WebhookChannel.SIGNATURE_HEADER,
                                                "v1=" + WebhookChannel.sign("s3cret", now, body))
                                        .statusCode())
                        .isEqualTo(200);
            }
            assertThat(r.accepted())
                    .as("de-duplicated by the signed notification id, not the header")
                    .hasSize(1);
            assertThat(r.acceptedCountsByKey())
                    .containsOnlyKeys("d1:webhook")
                    .containsEntry("d1:webhook", 3);
        }
    }

    @Test
    void theConsoleEchoHasNoControlCharacters() throws Exception {
        List<String> printed = new ArrayList<>();
        try (LocalReceiver r = LocalReceiver.builder().echo(printed::add).start()) {
            post(
                    r,
                    "/webhook",
                    "k1",
                    "{\"email\":\"a@acme.com\","
                            + "\"text\":\"hi\\u001b[2J\\u001b]0;x\\u0007 there\\n\\u202Eok\"}");
        }
        assertThat(printed).containsExactly("[receiver] webhook -> a@acme.com: hi[2J]0;x there ok");
    }

    @Test
    void misbehavesInTheConfiguredShares() throws Exception {
        try (LocalReceiver r =
                LocalReceiver.builder().failRate(0.5).throttleRate(0.25).seed(1).start()) {
            List<Integer> codes = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                HttpResponse<String> resp = post(r, "/webhook", "k" + i, "{}");
                codes.add(resp.statusCode());
                if (resp.statusCode() == 429) {
                    assertThat(resp.headers().firstValue("Retry-After")).hasValue("1");
                }
            }
            long failed = codes.stream().filter(c -> c == 503).count();
            long throttled = codes.stream().filter(c -> c == 429).count();
            assertThat(failed).isBetween(160L, 240L);
            assertThat(throttled).isBetween(60L, 140L);
            assertThat(r.accepted()).hasSize((int) (400 - failed - throttled));
        }
    }

    @Test
    void slowAnswersComeAfterTheConfiguredDelay() throws Exception {
        try (LocalReceiver r = LocalReceiver.builder().slowRate(1.0).slowMillis(300).start()) {
            long start = System.currentTimeMillis();
            assertThat(post(r, "/teams", "k1", "{}").statusCode()).isEqualTo(200);
            assertThat(System.currentTimeMillis() - start).isGreaterThanOrEqualTo(300);
        }
    }

    @Test
    void rejectsImpossibleRates() {
        assertThatThrownBy(() -> LocalReceiver.builder().failRate(0.8).throttleRate(0.5).start())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
