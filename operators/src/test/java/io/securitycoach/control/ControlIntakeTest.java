package io.securitycoach.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.records.ControlMessage;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, finding 8: every control message names a valid org, and what it carries concerns only
 * that org.
 */
class ControlIntakeTest {
    private static final String RULE =
            "id: sites\n"
                    + "org: acme\n"
                    + "version: 2\n"
                    + "when: 'true'\n"
                    + "coach: {module: m, channels: [slack]}\n";
    private static final String PARSER =
            "parser: feed-x\norg: acme\nversion: 1\nclass: web\nfields:\n"
                    + "  event_time: {path: t}\n  actor: {path: u}\n";

    private static ControlMessage checked(ControlMessage m) {
        return ControlIntake.check(m);
    }

    @Test
    void messagesForTheirOwnValidOrgPassUnchanged() {
        for (ControlMessage m :
                new ControlMessage[] {
                    ControlMessage.upsert("acme", RULE, "api"),
                    ControlMessage.parserUpsert("acme", PARSER, "api"),
                    ControlMessage.orgSettings("org-001", 3, "{}", "api"),
                    ControlMessage.delete("acme", "sites", 3, "api"),
                    ControlMessage.change(ControlMessage.RULE_DISABLE, "acme", "sites", 4, "api"),
                    ControlMessage.snapshotEnd("folder")
                }) {
            assertThat(checked(m)).as(m.type).isSameAs(m);
        }
    }

    @Test
    void aRuleUpsertWithoutAnOrgIsRefused() {
        ControlMessage refused = checked(ControlMessage.upsert(RULE, "api"));
        assertThat(refused.type).isEqualTo(ControlMessage.REFUSED);
        assertThat(refused.orgId).isNull();
        assertThat(refused.reasons())
                .containsExactly(
                        "org_id: org id missing (every rule_upsert names the org it is for)");
    }

    @Test
    void aRuleOrParserNamingAnotherOrgIsRefused() {
        ControlMessage rule = checked(ControlMessage.upsert("globex", RULE, "api"));
        assertThat(rule.type).isEqualTo(ControlMessage.REFUSED);
        assertThat(rule.orgId).isEqualTo("globex");
        assertThat(rule.reasons())
                .containsExactly("org: the text names org 'acme' but was sent for org 'globex'");

        ControlMessage parser = checked(ControlMessage.parserUpsert("globex", PARSER, "api"));
        assertThat(parser.type).isEqualTo(ControlMessage.REFUSED);
        assertThat(parser.reasons()).singleElement().asString().contains("names org 'acme'");
        assertThat(checked(ControlMessage.parserUpsert(PARSER, "api")).type)
                .isEqualTo(ControlMessage.REFUSED);
    }

    @Test
    void orgSettingsForAnInvalidOrgIdAreRefusedWithoutEchoingIt() {
        ControlMessage refused = checked(ControlMessage.orgSettings("../../x y", 1, "{}", "api"));
        assertThat(refused.type).isEqualTo(ControlMessage.REFUSED);
        assertThat(refused.orgId)
                .as("not a tenant name: the status goes to no org's folder")
                .isNull();
        assertThat(refused.reasons())
                .singleElement()
                .asString()
                .startsWith("org_id: invalid org id '../../x y'");
        for (String look : new String[] {"ACME", "acme_corp", "acme.corp", "acme--corp", " acme"}) {
            assertThat(checked(ControlMessage.orgSettings(look, 1, "{}", "api")).type)
                    .as(look)
                    .isEqualTo(ControlMessage.REFUSED);
        }
    }

    @Test
    void deletesAndChangesNeedTheOrgAndTheRule() {
        assertThat(checked(ControlMessage.delete(null, "sites", 3, "api")).reasons())
                .singleElement()
                .asString()
                .startsWith("org_id: org id missing");
        assertThat(checked(ControlMessage.delete("acme", null, 3, "api")).reasons())
                .containsExactly(
                        "rule_id: missing (rule_delete names the rule or parser it is about)");
        ControlMessage parserDelete = ControlMessage.delete("", "feed-x", 3, "api");
        parserDelete.type = ControlMessage.PARSER_DELETE;
        assertThat(checked(parserDelete).type).isEqualTo(ControlMessage.REFUSED);
        assertThat(
                        checked(
                                        ControlMessage.change(
                                                ControlMessage.RULE_PROMOTE, null, null, 3, "api"))
                                .reasons())
                .hasSize(2);
    }

    @Test
    void theSettingsHandoverBetweenStagesCannotComeFromOutside() {
        assertThat(
                        checked(
                                        ControlMessage.settingsHandover(
                                                "acme", 9, "{\"org_id\": \"acme\"}"))
                                .type)
                .isEqualTo(ControlMessage.REFUSED);
        assertThat(checked(ControlMessage.settingsHandoverEnd()).type)
                .isEqualTo(ControlMessage.REFUSED);
    }

    @Test
    void unknownTypesAndMissingPayloadsAreRefusedWithTheirReason() {
        ControlMessage odd = ControlMessage.delete("acme", "sites", 1, "api");
        odd.type = "rule_explode";
        assertThat(checked(odd).reasons())
                .containsExactly("type: unknown control message type 'rule_explode'");
        odd.type = null;
        assertThat(checked(odd).reasons()).containsExactly("type: missing");
        assertThat(checked(ControlMessage.upsert("acme", null, "api")).reasons())
                .containsExactly("payload: missing (the rule text)");
    }

    @Test
    void aTextWhoseOrgCannotBeReadIsLeftToTheStageThatCompilesIt() {
        ControlMessage broken = ControlMessage.upsert("acme", "id: [unclosed", "api");
        assertThat(checked(broken)).as("the rule parser answers with line:column").isSameAs(broken);
    }
}
