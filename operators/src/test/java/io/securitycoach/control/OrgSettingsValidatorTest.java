package io.securitycoach.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.records.OrgSettings;
import io.securitycoach.validation.Problems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrgSettingsValidatorTest {
    private static List<String> errors(String orgId, String json) {
        Problems problems = new Problems();
        OrgSettingsValidator.parse(orgId, 1, json, problems);
        return problems.messages();
    }

    private static String slack(String ref) {
        return "{\"destinations\": {\"slack\": \"" + ref + "\"}}";
    }

    @Test
    void anOrgCannotNameASecretInAnotherOrgsNamespace() {
        assertThat(errors("acme", slack("env:COACH_ORG_ACME_CORP_SLACK_TOKEN")))
                .as("the finding's reference")
                .singleElement()
                .asString()
                .contains("may only name its own secrets")
                .contains("env:COACH_ORG_ACME__");
        assertThat(errors("acme", slack("env:COACH_ORG_ACME_CORP__SLACK_TOKEN")))
                .as("acme-corp's namespace")
                .hasSize(1);
        assertThat(errors("acme-corp", slack("env:COACH_ORG_ACME__SLACK_TOKEN")))
                .as("acme's namespace")
                .hasSize(1);
        assertThat(errors("acme", slack("file:orgs/acme-corp/slack"))).hasSize(1);
        assertThat(errors("acme", slack("file:orgs/acme/../acme-corp/slack"))).hasSize(1);
        assertThat(errors("acme", slack("aws-secrets-manager:coach/acme-corp/slack"))).hasSize(1);
        assertThat(errors("acme", slack("aws-secrets-manager:coach/acme")))
                .as("no name in the namespace")
                .hasSize(1);
        assertThat(errors("acme", slack("env:coach_org_acme__slack")))
                .as("names are case-sensitive")
                .hasSize(1);
    }

    @Test
    void eachOrgNamesItsOwnSecretsInTheNewForm() {
        assertThat(errors("acme", slack("env:COACH_ORG_ACME__SLACK_TOKEN"))).isEmpty();
        assertThat(errors("acme-corp", slack("env:COACH_ORG_ACME_CORP__SLACK_TOKEN"))).isEmpty();
        assertThat(errors("acme-corp", slack("file:orgs/acme-corp/slack-token"))).isEmpty();
        assertThat(errors("acme-corp", slack("aws-secrets-manager:coach/acme-corp/slack")))
                .isEmpty();
    }

    @Test
    void idsThatWouldShareANamespaceAreNotValidOrgIds() {
        for (String alias :
                new String[] {
                    "acme_corp", "acme.corp", "ACME", "Acme-Corp", "acme--corp", "acme-"
                }) {
            assertThat(errors(alias, slack("env:COACH_ORG_ACME_CORP__SLACK_TOKEN")))
                    .as(alias)
                    .singleElement()
                    .asString()
                    .contains("invalid org id");
        }
    }

    @Test
    void aWebhookDestinationNeedsTheOrgsOwnSigningSecret() {
        String hook =
                "\"destinations\": {\"webhook\": \"aws-secrets-manager:coach/acme/webhook-url\"}";
        assertThat(errors("acme", "{" + hook + "}"))
                .singleElement()
                .asString()
                .startsWith("signing_secret: required");
        assertThat(
                        errors(
                                "acme",
                                "{"
                                        + hook
                                        + ", \"signing_secret\":"
                                        + " \"aws-secrets-manager:coach/acme-corp/sign\"}"))
                .singleElement()
                .asString()
                .startsWith("signing_secret: an org may only name its own secrets");
        Problems none = new Problems();
        OrgSettings s =
                OrgSettingsValidator.parse(
                        "acme",
                        1,
                        "{"
                                + hook
                                + ", \"signing_secret\":"
                                + " \"aws-secrets-manager:coach/acme/webhook-signing\"}",
                        none);
        assertThat(none.isEmpty()).isTrue();
        assertThat(s.signingSecretRef).isEqualTo("aws-secrets-manager:coach/acme/webhook-signing");
    }

    @Test
    void linkDomainsAreDomainNames() {
        Problems problems = new Problems();
        OrgSettings s =
                OrgSettingsValidator.parse(
                        "acme",
                        1,
                        "{\"link_domains\": [\"Learn.Acme.com\", \"acme.com\"]}",
                        problems);
        assertThat(problems.messages()).isEmpty();
        assertThat(s.linkDomains).containsExactly("learn.acme.com", "acme.com");
        assertThat(errors("acme", "{\"link_domains\": [\"*.evil\", \"https://x.com\", \"com\"]}"))
                .hasSize(3);
        assertThat(errors("acme", "{\"link_domains\": \"acme.com\"}")).hasSize(1);
    }

    @Test
    void theSampleSettingsAreValidForTheirOrgsAndForNoOther() throws Exception {
        Path samples =
                Paths.get(System.getProperty("coach.home", "..")).resolve("samples/settings");
        String acme = Files.readString(samples.resolve("acme.json"));
        String acmeCorp = Files.readString(samples.resolve("acme-corp.json"));
        assertThat(errors("acme", acme)).isEmpty();
        assertThat(errors("acme-corp", acmeCorp)).isEmpty();
        assertThat(errors("acme-corp", acme))
                .hasSize(4)
                .allMatch(e -> e.contains("may only name its own secrets"));
        assertThat(errors("acme", acmeCorp)).hasSize(1);
    }

    @Test
    void everyProblemIsReportedUnderItsPathInTheRenderedFormStatusesShow() {
        assertThat(errors("acme", "not json")).containsExactly("settings: not valid JSON");
        assertThat(errors("acme", "[1]")).containsExactly("settings: expected a JSON object");
        assertThat(
                        errors(
                                "acme",
                                "{\"channels\": [\"slack\", \"pager\"], \"destinations\": {\"fax\":"
                                        + " \"env:X\"}, \"quiet_hours\": {\"start\": \"22:00\","
                                        + " \"end\": \"22:00\", \"mode\": \"later\", \"time_zone\":"
                                        + " \"Mars/Base\"}, \"domains\": [\"acme\"],"
                                        + " \"feed_time_zones\": {\"zscaler\": \"Nowhere\"}}"))
                .containsExactly(
                        "channels: unknown channel 'pager'",
                        "destinations.fax: unknown channel",
                        "domains: 'acme' is not a domain name",
                        "feed_time_zones.zscaler: unknown time zone 'Nowhere'",
                        "quiet_hours.mode: expected hold or drop",
                        "quiet_hours: start and end are equal (quiet all day would hold every"
                                + " message)",
                        "quiet_hours.time_zone: unknown time zone 'Mars/Base'");
    }

    @Test
    void validSettingsAreReadCompletely() {
        Problems problems = new Problems();
        OrgSettings s =
                OrgSettingsValidator.parse(
                        "acme",
                        3,
                        "{\"channels\": [\"teams\"], \"domains\": [\" Acme.COM \"],"
                            + " \"destinations\": {\"teams\": \"env:COACH_ORG_ACME__TEAMS\"},"
                            + " \"branding\": {\"company\": \"Acme\"}, \"quiet_hours\": {\"start\":"
                            + " \"22:00\", \"end\": \"07:00\", \"time_zone\": \"Europe/Berlin\"},"
                            + " \"feed_time_zones\": {\"zscaler\": \"Europe/Berlin\"}}",
                        problems);
        assertThat(problems.messages()).isEmpty();
        assertThat(s.version).isEqualTo(3);
        assertThat(s.channels).containsExactly("teams");
        assertThat(s.domains).containsExactly("acme.com");
        assertThat(s.destinationChannels).containsExactly("teams");
        assertThat(s.destinationRefs).containsExactly("env:COACH_ORG_ACME__TEAMS");
        assertThat(s.company).isEqualTo("Acme");
        assertThat(s.quietMode).isEqualTo("hold");
        assertThat(s.timeZone).isEqualTo("Europe/Berlin");
        assertThat(s.feedZoneVendors).containsExactly("zscaler");
        assertThat(s.feedZones).containsExactly("Europe/Berlin");
    }
}
