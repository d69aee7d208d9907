package io.securitycoach.jobs.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.securitycoach.config.CoachConfig;
import io.securitycoach.config.ConfigException;
import io.securitycoach.notify.NotifierSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Notify group's security settings: exact allow-list origins, the status webhook's own signing
 * key.
 */
class NotifyConfigurationTest {
    private static NotifierSettings notifier(Map<String, String> notify) {
        return ConfiguredSettings.notifier(CoachConfig.of(Map.of("Notify", notify)));
    }

    @Test
    void allowListEntriesAreExactOriginsAndTheReceiverAddsItsOwn() {
        NotifierSettings n =
                notifier(
                        Map.of(
                                "allowed-private-hosts",
                                "https://status.internal:8443",
                                "receiver.url",
                                "http://127.0.0.1:8787"));
        assertThat(n.allowedOrigins)
                .containsExactlyInAnyOrder("https://status.internal:8443", "http://127.0.0.1:8787");
    }

    @Test
    void aBareHostOrAPathIsRefusedAtStartNamingTheKey() {
        for (String entry : new String[] {"127.0.0.1", "http://127.0.0.1:8081/jars"}) {
            assertThatThrownBy(() -> notifier(Map.of("allowed-private-hosts", entry)))
                    .as(entry)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("Notify.allowed-private-hosts")
                    .hasMessageContaining("scheme://host:port");
        }
    }

    @Test
    void theStatusWebhookHasItsOwnSigningKey() {
        NotifierSettings n =
                notifier(
                        Map.of(
                                "webhook.signing-secret-ref",
                                "env:COACH_WEBHOOK_SIGNING_SECRET",
                                "status-webhook.ref",
                                "env:COACH_STATUS_URL",
                                "status-webhook.signing-secret-ref",
                                "env:COACH_STATUS_SIGNING_SECRET"));
        assertThat(n.signingSecretRef).isEqualTo("env:COACH_WEBHOOK_SIGNING_SECRET");
        assertThat(n.statusWebhookSigningRef).isEqualTo("env:COACH_STATUS_SIGNING_SECRET");
    }
}
