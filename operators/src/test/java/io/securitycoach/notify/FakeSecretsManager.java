package io.securitycoach.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for AWS Secrets Manager's GetSecretValue (JSON 1.1 protocol): answers the
 * secrets it holds, AccessDeniedException for ids under {@code denied/}, and
 * ResourceNotFoundException for any other id, as AWS does. Records what was asked. The AWS SDK
 * reaches it through an endpoint override, with fake credentials from system properties.
 */
final class FakeSecretsManager implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final Map<String, String> secrets = new ConcurrentHashMap<>();
    final List<String> targets = new CopyOnWriteArrayList<>();
    final List<String> requestedIds = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    FakeSecretsManager() throws IOException {
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        targets.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target")));
        String id = JSON.readTree(exchange.getRequestBody()).path("SecretId").asText();
        requestedIds.add(id);
        String value = secrets.get(id);
        ObjectNode body = JSON.createObjectNode();
        int status;
        if (id.startsWith("denied/")) {
            status = 400;
            body.put("__type", "AccessDeniedException")
                    .put("message", "User is not authorized to perform GetSecretValue");
            exchange.getResponseHeaders().add("x-amzn-ErrorType", "AccessDeniedException");
        } else if (value != null) {
            status = 200;
            body.put("ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:" + id)
                    .put("Name", id)
                    .put("SecretString", value)
                    .put("VersionId", "v-" + value.hashCode());
        } else {
            status = 400;
            body.put("__type", "ResourceNotFoundException")
                    .put("message", "Secrets Manager can't find the specified secret.");
            exchange.getResponseHeaders().add("x-amzn-ErrorType", "ResourceNotFoundException");
        }
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }
}
