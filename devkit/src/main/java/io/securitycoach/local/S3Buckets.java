package io.securitycoach.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Bucket and object calls against a local S3Proxy started without authentication (see {@link
 * LocalServers}).
 */
public final class S3Buckets {
    private final String endpoint;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public S3Buckets(String endpoint) {
        this.endpoint =
                endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    }

    /** Creates the bucket; one that exists already is fine. */
    public void create(String bucket) throws IOException, InterruptedException {
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(URI.create(endpoint + "/" + bucket))
                                .PUT(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 && r.statusCode() != 409) {
            throw new IOException(
                    "create bucket " + bucket + ": " + r.statusCode() + " " + r.body());
        }
    }

    public void put(String bucket, String key, byte[] content)
            throws IOException, InterruptedException {
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(URI.create(endpoint + "/" + bucket + "/" + key))
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(
                    "put s3://" + bucket + "/" + key + ": " + r.statusCode() + " " + r.body());
        }
    }
}
