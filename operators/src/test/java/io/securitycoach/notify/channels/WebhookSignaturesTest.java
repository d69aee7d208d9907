package io.securitycoach.notify.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookSignaturesTest {
    private static final String BODY =
            "{\"notification_id\":\"det-1:webhook\",\"org_id\":\"acme\"}";
    private static final Duration WINDOW = Duration.ofMinutes(5);

    @Test
    void theExampleInTheCustomerDocumentationHolds() {
        // docs/security/webhooks.md: the same vector, computed there with Python's hmac module.
        assertThat(WebhookSignatures.sign("whsec-example", "1795900000", BODY))
                .isEqualTo("2e92c9c1b41eca804d20a8cfee31e47aafcf06dee433176a3ae87aa6e3ed891e");
    }

    @Test
    void acceptsOnlyAMatchingSignatureWithinTheWindow() {
        String v1 = "v1=" + WebhookSignatures.sign("whsec-example", "1795900000", BODY);
        assertThat(
                        WebhookSignatures.problem(
                                "whsec-example", "1795900000", v1, BODY, 1795900000L + 300, WINDOW))
                .isNull();
        assertThat(
                        WebhookSignatures.problem(
                                "whsec-example", "1795900000", v1, BODY, 1795900000L - 300, WINDOW))
                .isNull();
        assertThat(
                        WebhookSignatures.problem(
                                "whsec-example", "1795900000", v1, BODY, 1795900000L + 301, WINDOW))
                .contains("window");
        assertThat(
                        WebhookSignatures.problem(
                                "whsec-example", "1795900000", v1, BODY + " ", 1795900000L, WINDOW))
                .isEqualTo("signature does not match");
        assertThat(
                        WebhookSignatures.problem(
                                "other-org", "1795900000", v1, BODY, 1795900000L, WINDOW))
                .isEqualTo("signature does not match");
        assertThat(
                        WebhookSignatures.problem(
                                "whsec-example", "17959e5", v1, BODY, 1795900000L, WINDOW))
                .contains("Unix seconds");
        assertThat(WebhookSignatures.problem("whsec-example", null, v1, BODY, 1795900000L, WINDOW))
                .contains("missing");
    }
}
