package io.securitycoach.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.validation.Problems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IntegrationValidatorTest {
    static String okta(String baseUrl, String secret) {
        return "{\"base_url\": \"" + baseUrl + "\", \"secret\": \"" + secret + "\"}";
    }

    static Problems read(boolean allowLocal, String org, String payload) {
        IntegrationSettings settings = new IntegrationSettings();
        settings.allowLocal = allowLocal;
        Problems problems = new Problems();
        IntegrationDefinition d =
                new IntegrationValidator(settings).read(org, "okta", 1, payload, problems);
        assertThat(d == null)
                .as("null exactly when problems: %s", problems.messages())
                .isEqualTo(!problems.isEmpty());
        return problems;
    }

    @Test
    void acceptsAnOktaDomainWithTheOrgsOwnSecret() {
        IntegrationSettings settings = new IntegrationSettings();
        Problems problems = new Problems();
        IntegrationDefinition d =
                new IntegrationValidator(settings)
                        .read(
                                "acme",
                                "okta",
                                3,
                                okta("https://acme.okta.com/", "env:COACH_ORG_ACME__OKTA_TOKEN"),
                                problems);
        assertThat(problems.messages()).isEmpty();
        assertThat(d.baseUrl).isEqualTo("https://acme.okta.com");
        assertThat(d.auth).isEqualTo("ssws");
        assertThat(d.pageSize).isEqualTo(1000);
        assertThat(d.pollIntervalMillis).isEqualTo(60_000);
        assertThat(d.backfillMillis).isEqualTo(86_400_000L);
        assertThat(d.key()).isEqualTo("acme/okta");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://acme.okta.com",
                "https://acme.okta.com.evil.example",
                "https://okta.com.evil.example",
                "https://evil.example",
                "https://user@acme.okta.com",
                "https://acme.okta.com?x=1",
                "https://127.0.0.1",
                "http://169.254.169.254",
                "https://[::1]",
                "file:///etc/passwd",
                "gopher://acme.okta.com"
            })
    void refusesBaseUrlsOutsideOktasDomains(String url) {
        assertThat(read(false, "acme", okta(url, "env:COACH_ORG_ACME__OKTA_TOKEN")).messages())
                .anySatisfy(m -> assertThat(m).startsWith("base_url"));
    }

    @Test
    void localAddressesOnlyWhenTheOperatorAllowsThemAndNeverLinkLocal() {
        String local = okta("http://127.0.0.1:8123", "env:COACH_ORG_ACME__OKTA_TOKEN");
        assertThat(read(false, "acme", local).messages()).isNotEmpty();
        assertThat(read(true, "acme", local).messages()).isEmpty();
        String metadata = okta("http://169.254.169.254", "env:COACH_ORG_ACME__OKTA_TOKEN");
        assertThat(read(true, "acme", metadata).messages()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "env:COACH_ORG_GLOBEX__OKTA_TOKEN",
                "file:orgs/globex/okta",
                "file:orgs/acme/../globex/okta",
                "aws-secrets-manager:coach/globex/okta",
                "aws-secrets-manager:coach/acme-corp/okta",
                "env:PATH",
                "00aBcDeF-a-pasted-token"
            })
    void oneOrgCannotNameAnothersSecret(String ref) {
        assertThat(read(false, "acme", okta("https://acme.okta.com", ref)).messages())
                .anySatisfy(m -> assertThat(m).startsWith("secret"));
    }

    @Test
    void boundsAndKeysAreChecked() {
        String payload =
                "{\"base_url\": \"https://acme.okta.com\", \"secret\": \"env:COACH_ORG_ACME__T\","
                        + " \"poll_interval\": \"1s\", \"page_size\": 5000, \"backfill\": \"200d\","
                        + " \"auth\": \"oauth\", \"extra\": 1}";
        assertThat(read(false, "acme", payload).messages())
                .anySatisfy(m -> assertThat(m).startsWith("poll_interval"))
                .anySatisfy(m -> assertThat(m).startsWith("page_size"))
                .anySatisfy(m -> assertThat(m).startsWith("backfill"))
                .anySatisfy(m -> assertThat(m).startsWith("client_id"))
                .anySatisfy(m -> assertThat(m).startsWith("extra"));
        assertThat(read(false, "acme", "not json").messages())
                .containsExactly("payload: not a JSON object");
    }

    @Test
    void anUnknownVendorIsRefused() {
        Problems problems = new Problems();
        new IntegrationValidator(new IntegrationSettings()).read("acme", "nope", 1, "{}", problems);
        assertThat(problems.messages())
                .singleElement()
                .asString()
                .contains("unknown integration vendor 'nope'");
    }

    static String oktaServiceApp(String extra) {
        return "{\"base_url\": \"https://acme.okta.com\", \"auth\": \"oauth\"" + extra + "}";
    }

    @Test
    void anOktaServiceAppNamesItsClientAndPrivateKeyByReference() {
        Problems problems = new Problems();
        IntegrationDefinition d =
                new IntegrationValidator(new IntegrationSettings())
                        .read(
                                "acme",
                                "okta",
                                1,
                                oktaServiceApp(
                                        ", \"client_id\": \"0oa-coach\", \"private_key\":"
                                                + " \"file:orgs/acme/okta-key.pem\", \"key_id\":"
                                                + " \"kid-1\""),
                                problems);
        assertThat(problems.messages()).isEmpty();
        assertThat(d.auth).isEqualTo("oauth");
        assertThat(d.clientId).isEqualTo("0oa-coach");
        assertThat(d.secretRef).isEqualTo("file:orgs/acme/okta-key.pem");
        assertThat(d.keyId).isEqualTo("kid-1");
    }

    @Test
    void anOktaServiceAppWithoutClientOrKeyIsRefusedWithReasons() {
        assertThat(read(false, "acme", oktaServiceApp("")).messages())
                .anySatisfy(m -> assertThat(m).startsWith("client_id").contains("missing"))
                .anySatisfy(m -> assertThat(m).startsWith("private_key").contains("missing"));
        assertThat(
                        read(
                                        false,
                                        "acme",
                                        oktaServiceApp(
                                                ", \"client_id\": \"c\", \"secret\":"
                                                        + " \"env:COACH_ORG_ACME__OKTA\""))
                                .messages())
                .as("a client secret is not how Okta's service apps authenticate")
                .anySatisfy(m -> assertThat(m).startsWith("secret").contains("private_key"))
                .anySatisfy(m -> assertThat(m).startsWith("private_key").contains("missing"));
    }

    @Test
    void aPastedKeyAnotherOrgsKeyOrAStrangeKeyIdIsRefused() {
        assertThat(
                        read(
                                        false,
                                        "acme",
                                        oktaServiceApp(
                                                ", \"client_id\": \"c\", \"private_key\":"
                                                        + " \"-----BEGIN PRIVATE KEY-----MIIE\""))
                                .messages())
                .anySatisfy(m -> assertThat(m).startsWith("private_key"))
                .noneSatisfy(m -> assertThat(m).contains("MIIE"));
        assertThat(
                        read(
                                        false,
                                        "acme",
                                        oktaServiceApp(
                                                ", \"client_id\": \"c\", \"private_key\":"
                                                        + " \"file:orgs/globex/okta-key.pem\""))
                                .messages())
                .anySatisfy(m -> assertThat(m).startsWith("private_key"));
        assertThat(
                        read(
                                        false,
                                        "acme",
                                        oktaServiceApp(
                                                ", \"client_id\": \"c\", \"private_key\":"
                                                        + " \"file:orgs/acme/k.pem\", \"key_id\":"
                                                        + " \"a b\""))
                                .messages())
                .anySatisfy(m -> assertThat(m).startsWith("key_id"));
        assertThat(
                        read(
                                        false,
                                        "acme",
                                        okta("https://acme.okta.com", "env:COACH_ORG_ACME__T")
                                                .replace("}", ", \"key_id\": \"k\"}"))
                                .messages())
                .as("an SSWS token has no key id")
                .anySatisfy(m -> assertThat(m).startsWith("key_id"));
    }
}
