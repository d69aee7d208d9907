package io.securitycoach.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The one kinesalite client: the few Kinesis JSON API calls that local tools and tests need (create
 * a stream, put records, read a stream from the start), and the request pieces the soak feeder
 * sends through its own patient HTTP. Requests are not signed: kinesalite only checks that an
 * Authorization header is present. Not for real AWS, which the job itself reaches through the
 * connector.
 */
public final class KinesisApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FAKE_AUTH =
            "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/kinesis/aws4_request, "
                    + "SignedHeaders=host, Signature=0";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final URI endpoint;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public KinesisApi(String endpoint) {
        this.endpoint = URI.create(endpoint);
    }

    /** Creates the stream unless it exists, and waits until it is active. */
    public void createStream(String stream, int shards) throws IOException, InterruptedException {
        ObjectNode body =
                JSON.createObjectNode().put("StreamName", stream).put("ShardCount", shards);
        JsonNode answer = call("CreateStream", body, true);
        if (answer.has("__type") && !answer.path("__type").asText().contains("ResourceInUse")) {
            throw new IOException("CreateStream " + stream + ": " + answer);
        }
        for (int i = 0; i < 200; i++) {
            JsonNode d =
                    call(
                            "DescribeStream",
                            JSON.createObjectNode().put("StreamName", stream),
                            false);
            if ("ACTIVE".equals(d.path("StreamDescription").path("StreamStatus").asText())) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IOException("stream " + stream + " did not become active");
    }

    /** Puts records (each with its partition key), in batches of at most 500 as Kinesis allows. */
    public void put(String stream, List<String> records, List<String> partitionKeys)
            throws IOException, InterruptedException {
        for (int from = 0; from < records.size(); from += 500) {
            int to = Math.min(records.size(), from + 500);
            ObjectNode body =
                    putRecordsBody(
                            stream, records.subList(from, to), partitionKeys.subList(from, to));
            JsonNode answer = call("PutRecords", body, false);
            if (answer.path("FailedRecordCount").asInt(0) > 0) {
                throw new IOException(
                        "PutRecords to "
                                + stream
                                + ": "
                                + answer.path("FailedRecordCount").asInt()
                                + " records failed");
            }
        }
    }

    /** A PutRecords request: each record (at most 500) with its partition key. */
    public static ObjectNode putRecordsBody(
            String stream, List<String> records, List<String> partitionKeys) {
        ObjectNode body = JSON.createObjectNode().put("StreamName", stream);
        ArrayNode batch = body.putArray("Records");
        for (int i = 0; i < records.size(); i++) {
            batch.addObject()
                    .put(
                            "Data",
                            Base64.getEncoder()
                                    .encodeToString(
                                            records.get(i).getBytes(StandardCharsets.UTF_8)))
                    .put("PartitionKey", partitionKeys.get(i));
        }
        return body;
    }

    /** The records a PutRecords answer reports as failed (throttled), in their order. */
    public static List<String> failedRecords(JsonNode answer, List<String> records) {
        List<String> failed = new ArrayList<>();
        JsonNode results = answer.path("Records");
        for (int i = 0; i < records.size(); i++) {
            if (results.path(i).hasNonNull("ErrorCode")) {
                failed.add(records.get(i));
            }
        }
        return failed;
    }

    /** The headers of a call to {@code operation}, as name, value pairs (unsigned). */
    public static String[] headers(String operation) {
        return new String[] {
            "Content-Type",
            "application/x-amz-json-1.1",
            "X-Amz-Target",
            "Kinesis_20131202." + operation,
            "Authorization",
            FAKE_AUTH,
            "X-Amz-Date",
            AMZ_DATE.format(Instant.now())
        };
    }

    /** Every record now in the stream, shard by shard, as text. */
    public List<String> readAll(String stream) throws IOException, InterruptedException {
        JsonNode shards =
                call("DescribeStream", JSON.createObjectNode().put("StreamName", stream), false)
                        .path("StreamDescription")
                        .path("Shards");
        List<String> out = new ArrayList<>();
        for (JsonNode shard : shards) {
            String iterator =
                    call(
                                    "GetShardIterator",
                                    JSON.createObjectNode()
                                            .put("StreamName", stream)
                                            .put("ShardId", shard.path("ShardId").asText())
                                            .put("ShardIteratorType", "TRIM_HORIZON"),
                                    false)
                            .path("ShardIterator")
                            .asText();
            while (iterator != null && !iterator.isEmpty()) {
                JsonNode page =
                        call(
                                "GetRecords",
                                JSON.createObjectNode()
                                        .put("ShardIterator", iterator)
                                        .put("Limit", 10000),
                                false);
                for (JsonNode r : page.path("Records")) {
                    out.add(
                            new String(
                                    Base64.getDecoder().decode(r.path("Data").asText()),
                                    StandardCharsets.UTF_8));
                }
                if (page.path("Records").size() == 0
                        || page.path("MillisBehindLatest").asLong(0) == 0) {
                    break; // caught up with the shard
                }
                iterator = page.path("NextShardIterator").asText(null);
            }
        }
        return out;
    }

    private JsonNode call(String operation, JsonNode body, boolean errorsAreAnswers)
            throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(endpoint)
                        .timeout(Duration.ofSeconds(30))
                        .headers(headers(operation))
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode answer = r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
        if (r.statusCode() != 200 && !errorsAreAnswers) {
            throw new IOException(operation + " answered " + r.statusCode() + ": " + r.body());
        }
        return answer;
    }
}
