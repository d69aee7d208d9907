package io.securitycoach.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.local.DevSecrets;
import io.securitycoach.notify.Notifier;
import io.securitycoach.notify.NotifierSettings;
import io.securitycoach.records.DeliveryStatus;
import io.securitycoach.records.Notification;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each channel against the local receiver: what the employee sees, and how failures read. */
class ChannelsTest {
    @TempDir Path dir;

    private LocalReceiver receiver;
    private Notifier notifier;

    @BeforeEach
    void start() throws Exception {
        DevSecrets secrets = DevSecrets.create(dir);
        receiver = LocalReceiver.builder().signingSecret(secrets.signingSecretValue).start();
        NotifierSettings s = secrets.applyTo(NotifierSettings.allChannelsTo(receiver.baseUrl()));
        s.initialBackoffMillis = 10;
        notifier = new Notifier(s);
        notifier.open((OpenContext) null);
    }

    @AfterEach
    void stop() throws Exception {
        notifier.close();
        receiver.close();
    }

    private DeliveryStatus deliver(String channel, String email) throws Exception {
        Notification n = new Notification();
        n.notificationId = "det-1:" + channel;
        n.detectionId = "det-1";
        n.orgId = "acme";
        n.channel = channel;
        n.email = email;
        n.text = "Hi Alice, a quick tip.";
        n.moduleUrl = "https://learn.example.com/modules/m";
        n.eventUids = new String[] {"e1"};
        CompletableFuture<DeliveryStatus> done = new CompletableFuture<>();
        notifier.asyncInvoke(
                n,
                new ResultFuture<>() {
                    @Override
                    public void complete(Collection<DeliveryStatus> result) {
                        done.complete(result.iterator().next());
                    }

                    @Override
                    public void completeExceptionally(Throwable error) {
                        done.completeExceptionally(error);
                    }
                });
        return done.get(30, TimeUnit.SECONDS);
    }

    @Test
    void slackLooksTheUserUpAndPostsToTheirDirectMessages() throws Exception {
        assertThat(deliver("slack", "alice@acme.com").status).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(receiver.accepted())
                .singleElement()
                .satisfies(
                        m -> {
                            assertThat(m.get("channel").asText()).isEqualTo("slack");
                            assertThat(m.get("email").asText()).isEqualTo("alice@acme.com");
                            assertThat(m.get("text").asText()).isEqualTo("Hi Alice, a quick tip.");
                            assertThat(m.get("notification_id").asText()).isEqualTo("det-1:slack");
                        });
    }

    @Test
    void slackUnknownUserIsAFinalFailure() throws Exception {
        DeliveryStatus s = deliver("slack", "unknown.person@acme.com");
        assertThat(s.status).isEqualTo(DeliveryStatus.FAILED);
        assertThat(s.attempts).isEqualTo(1);
        assertThat(s.reason).isEqualTo("slack_users_not_found");
        assertThat(receiver.accepted()).isEmpty();
    }

    @Test
    void teamsGetsAnAdaptiveCard() throws Exception {
        assertThat(deliver("teams", "alice@acme.com").status).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(receiver.accepted())
                .singleElement()
                .satisfies(
                        m -> {
                            assertThat(m.get("text").asText()).isEqualTo("Hi Alice, a quick tip.");
                            assertThat(m.get("email").asText()).isEqualTo("alice@acme.com");
                        });
    }

    @Test
    void webhookIsSignedAndCarriesTheWholeNotification() throws Exception {
        assertThat(deliver("webhook", "alice@acme.com").status)
                .as("the receiver checks the signature")
                .isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(receiver.accepted())
                .singleElement()
                .satisfies(
                        m -> {
                            assertThat(m.get("notification_id").asText())
                                    .isEqualTo("det-1:webhook");
                            assertThat(m.get("module_url").asText())
                                    .isEqualTo("https://learn.example.com/modules/m");
                        });
    }
}
