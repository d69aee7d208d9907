package io.securitycoach.soak;

import io.securitycoach.local.KinesisApi;
import io.securitycoach.schema.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts records on a kinesalite stream ({@link KinesisApi}'s requests, sent by {@link PatientHttp})
 * without losing or repeating any: records the service reports as failed (throttled) are put again,
 * the others never.
 */
final class KinesisFeed {
    private final URI endpoint;
    private final PatientHttp http;

    KinesisFeed(String endpoint, PatientHttp http) {
        this.endpoint = URI.create(endpoint);
        this.http = http;
    }

    void put(String stream, List<String> records) throws InterruptedException {
        for (int from = 0; from < records.size(); from += 500) {
            List<String> pending =
                    new ArrayList<>(records.subList(from, Math.min(records.size(), from + 500)));
            while (!pending.isEmpty()) {
                pending = putOnce(stream, pending);
                if (!pending.isEmpty()) {
                    Thread.sleep(200);
                }
            }
        }
    }

    /** One PutRecords call; returns the records to put again. */
    private List<String> putOnce(String stream, List<String> records) throws InterruptedException {
        List<String> keys = new ArrayList<>();
        records.forEach(r -> keys.add(Integer.toHexString(r.hashCode())));
        PatientHttp.Answer answer =
                http.send(
                        endpoint,
                        "POST",
                        Json.write(KinesisApi.putRecordsBody(stream, records, keys))
                                .getBytes(StandardCharsets.UTF_8),
                        KinesisApi.headers("PutRecords"));
        if (answer.status != 200) {
            return records; // refused as a whole (e.g. throttled): nothing was put
        }
        try {
            return KinesisApi.failedRecords(Json.mapper().readTree(answer.body), records);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable PutRecords answer: " + answer.body, e);
        }
    }
}
