package io.securitycoach.standins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.schema.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The TAP stand-in answers as the SIEM API documents: windows, refusals, auth, budget, late. */
class ProofpointTapStandInTest {
    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> get(ProofpointTapStandIn tap, String secret, String query)
            throws Exception {
        String auth =
                Base64.getEncoder()
                        .encodeToString(("sp:" + secret).getBytes(StandardCharsets.UTF_8));
        return http.send(
                HttpRequest.newBuilder(URI.create(tap.baseUrl() + "/v2/siem/all?" + query))
                        .header("Authorization", "Basic " + auth)
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String interval(Instant start, Instant end) {
        return "format=json&interval="
                + URLEncoder.encode(start + "/" + end, StandardCharsets.UTF_8);
    }

    @Test
    void answersAWindowByArrayAndRefusesWhatTapRefuses() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<ProofpointTapEvents.TapRecord> records =
                ProofpointTapEvents.generate(
                        "t", List.of("ana@acme.test"), 30, now.minusSeconds(1800), 60);
        try (ProofpointTapStandIn tap = new ProofpointTapStandIn("sp", "s", 100, 60_000)) {
            tap.store(records.subList(0, 20)).storeLate(records.subList(20, 30), 60_000);
            HttpResponse<String> ok =
                    get(tap, "s", interval(now.minusSeconds(3600), now.minusSeconds(60)));
            assertThat(ok.statusCode()).isEqualTo(200);
            JsonNode body = Json.mapper().readTree(ok.body());
            int count = 0;
            for (String array : ProofpointTapEvents.ARRAYS) {
                count += body.path(array).size();
            }
            assertThat(count).as("the late records are not published yet").isEqualTo(20);
            assertThat(body.path("queryEndTime").asText())
                    .isEqualTo(now.minusSeconds(60).toString());
            assertThat(tap.served()).hasSize(20);

            assertThat(get(tap, "s", interval(now.minusSeconds(7200), now)).statusCode())
                    .as("over an hour")
                    .isEqualTo(400);
            assertThat(
                            get(
                                            tap,
                                            "s",
                                            interval(
                                                    now.minus(Duration.ofDays(8)),
                                                    now.minus(Duration.ofDays(8)).plusSeconds(60)))
                                    .statusCode())
                    .as("older than 7 days")
                    .isEqualTo(400);
            tap.rotateSecret("s2");
            assertThat(get(tap, "s", "format=json&sinceSeconds=600").statusCode()).isEqualTo(401);
            assertThat(get(tap, "s2", "format=json&sinceSeconds=600").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aSpentBudgetIsA429WithRetryAfter() throws Exception {
        try (ProofpointTapStandIn tap = new ProofpointTapStandIn("sp", "s", 1, 60_000)) {
            assertThat(get(tap, "s", "format=json&sinceSeconds=600").statusCode()).isEqualTo(200);
            HttpResponse<String> refused = get(tap, "s", "format=json&sinceSeconds=600");
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(tap.throttled()).isEqualTo(1);
        }
    }
}
