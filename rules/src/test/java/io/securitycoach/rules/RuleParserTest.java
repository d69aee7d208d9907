package io.securitycoach.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RuleParserTest {
    private static final String VALID =
            String.join(
                    "\n",
                    "id: gambling-site",
                    "org: acme",
                    "version: 4",
                    "severity: low",
                    "when: event.class == \"web\" && event.url_category == \"Gambling\"",
                    "suppress: 24h",
                    "mode: staged",
                    "coach:",
                    "  module: acceptable-use-101",
                    "  channels: [slack, webhook, slack]",
                    "  message: \"Hi {first_name}. {summary}\"");

    @Test
    void readsEveryFieldOfAYamlRule() throws Exception {
        RuleDefinition r = RuleParser.parse(VALID, "gambling.yaml");
        assertThat(r.ruleId).isEqualTo("gambling-site");
        assertThat(r.orgId).isEqualTo("acme");
        assertThat(r.version).isEqualTo(4);
        assertThat(r.enabled).isTrue();
        assertThat(r.severity).isEqualTo("low");
        assertThat(r.suppressMillis).isEqualTo(24 * 3600_000L);
        assertThat(r.mode).isEqualTo("staged");
        assertThat(r.isLive()).isFalse();
        assertThat(r.coachModule).isEqualTo("acceptable-use-101");
        assertThat(r.coachChannels).containsExactly("slack", "webhook");
        assertThat(r.source).isEqualTo("gambling.yaml");
    }

    @Test
    void readsJsonAndAcceptsANumericOrgId() throws Exception {
        RuleDefinition r =
                RuleParser.parse(
                        "{\"id\": \"r1\", \"org\": 1042, \"when\": \"true\", \"coach\":"
                                + " {\"module\": \"m\", \"channels\": [\"teams\"], \"message\":"
                                + " \"{summary}\"}}",
                        "r1.json");
        assertThat(r.orgId).isEqualTo("1042");
        assertThat(r.version).isEqualTo(1);
        assertThat(r.suppressMillis).isZero();
        assertThat(r.mode).isEqualTo("live");
    }

    @ParameterizedTest(name = "org: {0}")
    @ValueSource(
            strings = {
                "Acme",
                "ACME",
                "acme_corp",
                "acme.corp",
                "../globex",
                "acme--corp",
                "acme-",
                "''"
            })
    void anOrgIdOutsideTheOneOrgIdPatternIsRejected(String org) {
        String rule =
                "id: r1\norg: " + org + "\nwhen: 'true'\ncoach: {module: m, channels: [slack]}\n";
        assertThatThrownBy(() -> RuleParser.parse(rule, "r1.yaml"))
                .isInstanceOfSatisfying(
                        RuleRejectedException.class,
                        e ->
                                assertThat(e.problems())
                                        .extracting(err -> err.path + ": " + err.message)
                                        .singleElement()
                                        .asString()
                                        .startsWith("org: ")
                                        .contains("org id"));
    }

    @Test
    void reportsEveryProblemWithItsField() {
        String bad =
                String.join(
                        "\n",
                        "id: 'has spaces'",
                        "org: acme",
                        "version: -2",
                        "severity: urgent",
                        "wehn: event.class == 'web'",
                        "suppress: forever",
                        "coach:",
                        "  module: m",
                        "  channels: [pager]",
                        "  message: 'Hi {name}'");
        assertThatThrownBy(() -> RuleParser.parse(bad, "bad.yaml"))
                .isInstanceOfSatisfying(
                        RuleRejectedException.class,
                        e ->
                                assertThat(e.problems())
                                        .extracting(err -> err.path)
                                        .containsExactlyInAnyOrder(
                                                "id",
                                                "version",
                                                "severity",
                                                "wehn",
                                                "when",
                                                "suppress",
                                                "coach.channels",
                                                "coach.message"));
    }

    @Test
    void rejectsInvalidYamlWithItsPosition() {
        assertThatThrownBy(() -> RuleParser.parse("id: x\nwhen: [unclosed", "broken.yaml"))
                .isInstanceOfSatisfying(
                        RuleRejectedException.class,
                        e -> {
                            assertThat(e.problems()).hasSize(1);
                            assertThat(e.problems().get(0).path).isEqualTo("rule");
                            assertThat(e.problems().get(0).line).isGreaterThan(0);
                        });
    }

    @Test
    void rejectsOversizedRulesAndAliasBombs() {
        assertThatThrownBy(
                        () ->
                                RuleParser.parse(
                                        "id: x\ndescription: "
                                                + "a".repeat(RuleParser.MAX_RULE_BYTES),
                                        "big.yaml"))
                .isInstanceOf(RuleRejectedException.class)
                .hasMessageContaining("limit");
        String bomb =
                "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
                        + "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                        + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                        + "d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n";
        assertThatThrownBy(() -> RuleParser.parse(bomb, "bomb.yaml"))
                .isInstanceOf(RuleRejectedException.class);
    }
}
