package io.securitycoach.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Secret references from the environment, files and AWS Secrets Manager (a local stand-in that
 * speaks the GetSecretValue JSON API, reached through the AWS SDK with an endpoint override).
 */
class SecretResolverTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> requestedIds = new CopyOnWriteArrayList<>();
    private final List<String> targets = new CopyOnWriteArrayList<>();
    private HttpServer secretsManager;

    @TempDir
    Path dir;

    @BeforeEach
    void startFakeSecretsManager() throws IOException {
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        secretsManager = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        secretsManager.createContext("/", this::answer);
        secretsManager.start();
    }

    @AfterEach
    void stop() {
        secretsManager.stop(0);
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    private void answer(HttpExchange exchange) throws IOException {
        targets.add(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        String id = request.path("SecretId").asText();
        requestedIds.add(id);
        int status = 200;
        String body;
        if (id.equals("coach/acme/slack-bot-token")) {
            body = "{\"ARN\":\"arn:aws:secretsmanager:eu-west-1:1:secret:" + id + "\",\"Name\":\"" + id
                    + "\",\"SecretString\":\"xoxb-from-secrets-manager\",\"VersionId\":\"v1\"}";
        } else {
            status = 400;
            body = "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find the specified secret.\"}";
            exchange.getResponseHeaders().add("x-amzn-ErrorType", "ResourceNotFoundException");
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private SecretResolver resolver(Map<String, String> env) {
        return new SecretResolver(env, dir.toString(), "eu-west-1",
                "http://127.0.0.1:" + secretsManager.getAddress().getPort());
    }

    @Test
    void secretsManagerValuesAreFetchedOnceAndCached() throws Exception {
        try (SecretResolver secrets = resolver(Map.of())) {
            assertThat(secrets.resolve("aws-secrets-manager:coach/acme/slack-bot-token")).isEqualTo("xoxb-from-secrets-manager");
            assertThat(secrets.resolve("aws-secrets-manager:coach/acme/slack-bot-token")).isEqualTo("xoxb-from-secrets-manager");
        }
        assertThat(requestedIds).containsExactly("coach/acme/slack-bot-token");
        assertThat(targets).containsExactly("secretsmanager.GetSecretValue");
    }

    @Test
    void aMissingSecretIsUnavailableWithItsIdAndNoValue() {
        try (SecretResolver secrets = resolver(Map.of())) {
            assertThatThrownBy(() -> secrets.resolve("aws-secrets-manager:coach/acme/teams-url"))
                    .isInstanceOf(SecretResolver.SecretUnavailableException.class)
                    .hasMessage("aws-secrets-manager:coach/acme/teams-url: no such secret in Secrets Manager");
        }
    }

    @Test
    void environmentAndFilesStillResolveWithoutTouchingSecretsManager() throws Exception {
        Files.createDirectories(dir.resolve("orgs/acme"));
        Files.writeString(dir.resolve("orgs/acme/webhook-url"), "https://hooks.example.com/x\n");
        try (SecretResolver secrets = resolver(Map.of("COACH_SLACK_BOT_TOKEN", "xoxb-env"))) {
            assertThat(secrets.resolve("env:COACH_SLACK_BOT_TOKEN")).isEqualTo("xoxb-env");
            assertThat(secrets.resolve("file:orgs/acme/webhook-url")).isEqualTo("https://hooks.example.com/x");
            assertThatThrownBy(() -> secrets.resolve("env:MISSING")).hasMessage("env:MISSING is not set");
        }
        assertThat(requestedIds).isEmpty();
    }
}
