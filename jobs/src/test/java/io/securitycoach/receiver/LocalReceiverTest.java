package io.securitycoach.receiver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalReceiverTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> post(LocalReceiver r, String path, String key, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(r.baseUrl() + path)).header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void recordsEveryRequestAndCountsRepeatedKeys() throws Exception {
        Path record = dir.resolve("r.jsonl");
        try (LocalReceiver r = LocalReceiver.builder().record(record).start()) {
            assertThat(post(r, "/slack", "k1", "{\"email\":\"a@acme.com\"}").statusCode()).isEqualTo(200);
            assertThat(post(r, "/slack", "k1", "{\"email\":\"a@acme.com\"}").statusCode()).isEqualTo(200);
            assertThat(post(r, "/teams", "k2", "not json").statusCode()).isEqualTo(200);
            assertThat(r.acceptedCountsByKey()).containsEntry("k1", 2).containsEntry("k2", 1);
        }
        List<String> lines = Files.readAllLines(record);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).contains("\"duplicate\":true").contains("\"path\":\"/slack\"");
        assertThat(lines.get(2)).contains("\"body\":\"not json\"");
    }

    @Test
    void misbehavesInTheConfiguredShares() throws Exception {
        try (LocalReceiver r = LocalReceiver.builder().failRate(0.5).throttleRate(0.25).seed(1).start()) {
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
    void rejectsImpossibleRates() {
        assertThatThrownBy(() -> LocalReceiver.builder().failRate(0.8).throttleRate(0.5).start())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
