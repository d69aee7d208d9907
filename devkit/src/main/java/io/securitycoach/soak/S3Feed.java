package io.securitycoach.soak;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Drops files on S3Proxy (unauthenticated, as local-cluster runs it). A drop is put again only when
 * the server refused the connection or answered an error; putting the same key with the same bytes
 * again is harmless anyway.
 */
final class S3Feed {
    private final String endpoint;
    private final String bucket;
    private final PatientHttp http;

    S3Feed(String endpoint, String bucket, PatientHttp http) {
        this.endpoint =
                endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        this.bucket = bucket;
        this.http = http;
    }

    void put(String key, String content) throws InterruptedException {
        URI uri = URI.create(endpoint + "/" + bucket + "/" + key);
        while (true) {
            PatientHttp.Answer r = http.send(uri, "PUT", content.getBytes(StandardCharsets.UTF_8));
            if (r.status == 200) {
                return;
            }
            Thread.sleep(1000);
        }
    }
}
