package io.securitycoach.records;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OrgSettingsTest {
    private static List<String> errors(String orgId, String json) {
        List<String> errors = new ArrayList<>();
        OrgSettings.parse(orgId, 1, json, errors);
        return errors;
    }

    private static String slack(String ref) {
        return "{\"destinations\": {\"slack\": \"" + ref + "\"}}";
    }

    @Test
    void anOrgCannotNameASecretInAnotherOrgsNamespace() {
        assertThat(errors("acme", slack("env:COACH_ORG_ACME_CORP_SLACK_TOKEN"))).as("the finding's reference")
                .singleElement().asString().contains("may only name its own secrets").contains("env:COACH_ORG_ACME__");
        assertThat(errors("acme", slack("env:COACH_ORG_ACME_CORP__SLACK_TOKEN"))).as("acme-corp's namespace")
                .hasSize(1);
        assertThat(errors("acme-corp", slack("env:COACH_ORG_ACME__SLACK_TOKEN"))).as("acme's namespace").hasSize(1);
        assertThat(errors("acme", slack("file:orgs/acme-corp/slack"))).hasSize(1);
        assertThat(errors("acme", slack("file:orgs/acme/../acme-corp/slack"))).hasSize(1);
        assertThat(errors("acme", slack("aws-secrets-manager:coach/acme-corp/slack"))).hasSize(1);
        assertThat(errors("acme", slack("aws-secrets-manager:coach/acme"))).as("no name in the namespace").hasSize(1);
        assertThat(errors("acme", slack("env:coach_org_acme__slack"))).as("names are case-sensitive").hasSize(1);
    }

    @Test
    void eachOrgNamesItsOwnSecretsInTheNewForm() {
        assertThat(errors("acme", slack("env:COACH_ORG_ACME__SLACK_TOKEN"))).isEmpty();
        assertThat(errors("acme-corp", slack("env:COACH_ORG_ACME_CORP__SLACK_TOKEN"))).isEmpty();
        assertThat(errors("acme-corp", slack("file:orgs/acme-corp/slack-token"))).isEmpty();
        assertThat(errors("acme-corp", slack("aws-secrets-manager:coach/acme-corp/slack"))).isEmpty();
    }

    @Test
    void idsThatWouldShareANamespaceAreNotValidOrgIds() {
        for (String alias : new String[] {"acme_corp", "acme.corp", "ACME", "Acme-Corp", "acme--corp", "acme-"}) {
            assertThat(errors(alias, slack("env:COACH_ORG_ACME_CORP__SLACK_TOKEN"))).as(alias)
                    .singleElement().asString().contains("invalid org id");
        }
    }

    @Test
    void aWebhookDestinationNeedsTheOrgsOwnSigningSecret() {
        String hook = "\"destinations\": {\"webhook\": \"aws-secrets-manager:coach/acme/webhook-url\"}";
        assertThat(errors("acme", "{" + hook + "}")).singleElement().asString().startsWith("signing_secret: required");
        assertThat(errors("acme", "{" + hook + ", \"signing_secret\": \"aws-secrets-manager:coach/acme-corp/sign\"}"))
                .singleElement().asString().startsWith("signing_secret: an org may only name its own secrets");
        List<String> none = new ArrayList<>();
        OrgSettings s = OrgSettings.parse("acme", 1,
                "{" + hook + ", \"signing_secret\": \"aws-secrets-manager:coach/acme/webhook-signing\"}", none);
        assertThat(none).isEmpty();
        assertThat(s.signingSecretRef).isEqualTo("aws-secrets-manager:coach/acme/webhook-signing");
    }

    @Test
    void linkDomainsAreDomainNames() {
        List<String> errors = new ArrayList<>();
        OrgSettings s = OrgSettings.parse("acme", 1, "{\"link_domains\": [\"Learn.Acme.com\", \"acme.com\"]}", errors);
        assertThat(errors).isEmpty();
        assertThat(s.linkDomains).containsExactly("learn.acme.com", "acme.com");
        assertThat(errors("acme", "{\"link_domains\": [\"*.evil\", \"https://x.com\", \"com\"]}")).hasSize(3);
        assertThat(errors("acme", "{\"link_domains\": \"acme.com\"}")).hasSize(1);
    }

    @Test
    void theSampleSettingsAreValidForTheirOrgsAndForNoOther() throws Exception {
        Path samples = Paths.get(System.getProperty("coach.home", "..")).resolve("samples/settings");
        String acme = Files.readString(samples.resolve("acme.json"));
        String acmeCorp = Files.readString(samples.resolve("acme-corp.json"));
        assertThat(errors("acme", acme)).isEmpty();
        assertThat(errors("acme-corp", acmeCorp)).isEmpty();
        assertThat(errors("acme-corp", acme)).hasSize(4).allMatch(e -> e.contains("may only name its own secrets"));
        assertThat(errors("acme", acmeCorp)).hasSize(1);
    }
}
