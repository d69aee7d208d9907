package io.securitycoach.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securitycoach.schema.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Puts records on a kinesalite stream (Kinesis JSON API, unsigned) without losing or repeating any:
 * records the service reports as failed (throttled) are put again, the others never.
 */
final class KinesisFeed {
    private static final String FAKE_AUTH =
            "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/kinesis/aws4_request, "
                    + "SignedHeaders=host, Signature=0";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

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
        ObjectNode body = Json.mapper().createObjectNode().put("StreamName", stream);
        ArrayNode batch = body.putArray("Records");
        for (String r : records) {
            batch.addObject()
                    .put(
                            "Data",
                            Base64.getEncoder().encodeToString(r.getBytes(StandardCharsets.UTF_8)))
                    .put("PartitionKey", Integer.toHexString(r.hashCode()));
        }
        PatientHttp.Answer answer =
                http.send(
                        endpoint,
                        "POST",
                        Json.write(body).getBytes(StandardCharsets.UTF_8),
                        "Content-Type",
                        "application/x-amz-json-1.1",
                        "X-Amz-Target",
                        "Kinesis_20131202.PutRecords",
                        "Authorization",
                        FAKE_AUTH,
                        "X-Amz-Date",
                        AMZ_DATE.format(Instant.now()));
        if (answer.status != 200) {
            return records; // refused as a whole (e.g. throttled): nothing was put
        }
        List<String> again = new ArrayList<>();
        JsonNode results;
        try {
            results = Json.mapper().readTree(answer.body).path("Records");
        } catch (IOException e) {
            throw new IllegalStateException("unreadable PutRecords answer: " + answer.body, e);
        }
        for (int i = 0; i < records.size(); i++) {
            if (results.path(i).hasNonNull("ErrorCode")) {
                again.add(records.get(i));
            }
        }
        return again;
    }
}
