package io.securitycoach.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secret references from the environment, files and AWS Secrets Manager (a local stand-in that
 * speaks the GetSecretValue JSON API, reached through the AWS SDK with an endpoint override).
 */
class SecretResolverTest {
    private static final String TOKEN_ID = "coach/acme/slack-bot-token";
    private static final Duration TTL = Duration.ofMinutes(5);

    private FakeSecretsManager secretsManager;

    /** The cache's clock, moved by the tests. */
    private final AtomicLong nanos = new AtomicLong();

    @TempDir Path dir;

    @BeforeEach
    void startFakeSecretsManager() throws IOException {
        secretsManager = new FakeSecretsManager();
        secretsManager.secrets.put(TOKEN_ID, "xoxb-from-secrets-manager");
    }

    @AfterEach
    void stop() {
        secretsManager.close();
    }

    private SecretResolver resolver(Map<String, String> env, Executor lookups) {
        return new SecretResolver(
                env,
                dir.toString(),
                "eu-west-1",
                secretsManager.endpoint(),
                TTL,
                lookups,
                nanos::get);
    }

    private SecretResolver resolver(Map<String, String> env) {
        return resolver(env, Runnable::run);
    }

    @Test
    void secretsManagerValuesAreFetchedOnceAndCached() throws Exception {
        try (SecretResolver secrets = resolver(Map.of())) {
            assertThat(secrets.resolve("aws-secrets-manager:" + TOKEN_ID))
                    .isEqualTo("xoxb-from-secrets-manager");
            assertThat(secrets.resolve("aws-secrets-manager:" + TOKEN_ID))
                    .isEqualTo("xoxb-from-secrets-manager");
        }
        assertThat(secretsManager.requestedIds).containsExactly(TOKEN_ID);
        assertThat(secretsManager.targets).containsExactly("secretsmanager.GetSecretValue");
    }

    @Test
    void aRotatedSecretIsPickedUpOnceItsValueHasLivedItsTimeToLive() throws Exception {
        try (SecretResolver secrets = resolver(Map.of())) {
            assertThat(secrets.resolve("aws-secrets-manager:" + TOKEN_ID))
                    .isEqualTo("xoxb-from-secrets-manager");
            secretsManager.secrets.put(TOKEN_ID, "xoxb-rotated");
            nanos.addAndGet(TTL.toNanos() - 1);
            assertThat(secrets.resolve("aws-secrets-manager:" + TOKEN_ID))
                    .as("still within its time to live")
                    .isEqualTo("xoxb-from-secrets-manager");
            nanos.addAndGet(2);
            assertThat(secrets.resolve("aws-secrets-manager:" + TOKEN_ID))
                    .isEqualTo("xoxb-rotated");
        }
        assertThat(secretsManager.requestedIds).containsExactly(TOKEN_ID, TOKEN_ID);
    }

    @Test
    void aMissingSecretIsUnavailableWithItsIdAndNoValueAndIsLookedUpAgainNextTime()
            throws Exception {
        try (SecretResolver secrets = resolver(Map.of())) {
            assertThatThrownBy(() -> secrets.resolve("aws-secrets-manager:coach/acme/teams-url"))
                    .isInstanceOf(SecretResolver.SecretUnavailableException.class)
                    .hasMessage(
                            "aws-secrets-manager:coach/acme/teams-url: no such secret in Secrets"
                                    + " Manager");
            secretsManager.secrets.put("coach/acme/teams-url", "https://acme.webhook.office.com/x");
            assertThat(secrets.resolve("aws-secrets-manager:coach/acme/teams-url"))
                    .as("failures are not cached")
                    .isEqualTo("https://acme.webhook.office.com/x");
        }
    }

    @Test
    void aRefusedLookupNamesAwsErrorCode() {
        try (SecretResolver secrets = resolver(Map.of())) {
            assertThatThrownBy(() -> secrets.resolve("aws-secrets-manager:denied/acme/token"))
                    .hasMessage(
                            "aws-secrets-manager:denied/acme/token: Secrets Manager answered 400"
                                    + " AccessDeniedException");
        }
    }

    @Test
    void anUnreachableSecretsManagerIsSaidSo() {
        try (SecretResolver secrets =
                new SecretResolver(
                        Map.of(),
                        dir.toString(),
                        "eu-west-1",
                        "http://127.0.0.1:1",
                        TTL,
                        Runnable::run,
                        nanos::get)) {
            assertThatThrownBy(() -> secrets.resolve("aws-secrets-manager:" + TOKEN_ID))
                    .hasMessage(
                            "aws-secrets-manager:"
                                    + TOKEN_ID
                                    + ": Secrets Manager unreachable (ConnectException)");
        }
    }

    @Test
    void callersAskingWhileALookupRunsShareIt() throws Exception {
        Queue<Runnable> pending = new ArrayDeque<>();
        try (SecretResolver secrets = resolver(Map.of(), pending::add)) {
            CompletableFuture<String> first =
                    secrets.resolveAsync("aws-secrets-manager:" + TOKEN_ID);
            CompletableFuture<String> second =
                    secrets.resolveAsync("aws-secrets-manager:" + TOKEN_ID);
            assertThat(first).as("the lookup waits for the executor").isNotDone();
            assertThat(second).isNotDone();
            for (Runnable task = pending.poll(); task != null; task = pending.poll()) {
                task.run(); // the lookup, and the cache's own housekeeping
            }
            assertThat(first.get()).isEqualTo("xoxb-from-secrets-manager");
            assertThat(second.get()).isEqualTo("xoxb-from-secrets-manager");
        }
        assertThat(secretsManager.requestedIds).containsExactly(TOKEN_ID);
    }

    @Test
    void environmentAndFilesStillResolveWithoutTouchingSecretsManager() throws Exception {
        Files.createDirectories(dir.resolve("orgs/acme"));
        Files.writeString(dir.resolve("orgs/acme/webhook-url"), "https://hooks.example.com/x\n");
        try (SecretResolver secrets = resolver(Map.of("COACH_SLACK_BOT_TOKEN", "xoxb-env"))) {
            assertThat(secrets.resolve("env:COACH_SLACK_BOT_TOKEN")).isEqualTo("xoxb-env");
            assertThat(secrets.resolve("file:orgs/acme/webhook-url"))
                    .isEqualTo("https://hooks.example.com/x");
            assertThatThrownBy(() -> secrets.resolve("env:MISSING"))
                    .hasMessage("env:MISSING is not set");
            assertThatThrownBy(() -> secrets.resolve("vault:x"))
                    .hasMessage("unknown secret kind in vault:x");
        }
        assertThat(secretsManager.requestedIds).isEmpty();
    }
}
