package io.securitycoach.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.schema.SecurityEvent;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link RuleIndex} as rules come, change and go: what stays a candidate, what is still counted
 * against the org's limit, and when a compiled rule is reused. (Which class and values index a rule
 * is in RuleEngineTest.)
 */
class RuleIndexTest {
    private final RuleIndex index = new RuleIndex();

    private static RuleDefinition rule(String org, String id, long version, String yaml)
            throws Exception {
        return RuleParser.parse(
                "id: "
                        + id
                        + "\norg: "
                        + org
                        + "\nversion: "
                        + version
                        + "\n"
                        + yaml
                        + "coach: {module: m, channels: [slack], message: '{summary}'}\n",
                "test");
    }

    private static RuleDefinition gambling(String org, String id, long version) throws Exception {
        return rule(
                org,
                id,
                version,
                "when: event.class == 'web' && event.url_category == 'Gambling'\n");
    }

    private static SecurityEvent visit(String org, String category) {
        SecurityEvent e = new SecurityEvent();
        e.orgId = org;
        e.eventClass = "web";
        e.urlCategory = category;
        return e;
    }

    private List<String> candidates(SecurityEvent e) {
        return index.candidates(e).stream()
                .map(r -> r.definition().ruleId + " v" + r.definition().version)
                .collect(Collectors.toList());
    }

    @Test
    void aNewVersionReplacesTheOldInItsIndexPlace() throws Exception {
        index.install(gambling("acme", "sites", 1));
        index.install(
                rule(
                        "acme",
                        "sites",
                        2,
                        "when: event.class == 'web' && event.url_category == 'Adult'\n"));
        assertThat(candidates(visit("acme", "Gambling")))
                .as("v1's value no longer leads to it")
                .isEmpty();
        assertThat(candidates(visit("acme", "Adult"))).containsExactly("sites v2");
        assertThat(index.countForOrg("acme")).isOne();
    }

    @Test
    void candidatesComeInRuleIdOrderWhateverTheInstallOrder() throws Exception {
        index.install(gambling("acme", "zeta", 1));
        index.install(rule("acme", "alpha", 1, "when: event.class == 'web'\n"));
        index.install(rule("acme", "mid", 1, "when: event.vendor == 'zscaler' || true\n"));
        assertThat(candidates(visit("acme", "Gambling")))
                .containsExactly("alpha v1", "mid v1", "zeta v1");
    }

    @Test
    void aRuleInstalledDisabledIsCountedButNeverACandidate() throws Exception {
        index.install(rule("acme", "paused", 1, "enabled: false\nwhen: event.class == 'web'\n"));
        assertThat(candidates(visit("acme", "News"))).isEmpty();
        assertThat(index.countForOrg("acme")).as("it still counts against the org's limit").isOne();
    }

    @Test
    void aRuleStoppedAfterARunTimeFailureIsCountedUntilANewVersionComes() throws Exception {
        index.install(gambling("acme", "sites", 1));
        index.disable(RuleDefinition.key("acme", "sites"));
        assertThat(candidates(visit("acme", "Gambling"))).isEmpty();
        assertThat(index.countForOrg("acme")).isOne();

        index.install(gambling("acme", "sites", 2));
        assertThat(candidates(visit("acme", "Gambling"))).containsExactly("sites v2");
    }

    @Test
    void removingForgetsTheRuleAndUnknownKeysChangeNothing() throws Exception {
        index.install(gambling("acme", "sites", 1));
        index.install(gambling("acme", "other", 1));
        index.remove(RuleDefinition.key("acme", "sites"));
        index.remove(RuleDefinition.key("acme", "never-installed"));
        index.disable(RuleDefinition.key("acme", "never-installed"));
        assertThat(candidates(visit("acme", "Gambling"))).containsExactly("other v1");
        assertThat(index.countForOrg("acme")).isOne();
    }

    @Test
    void orgsAreCountedAndMatchedApartEvenWithTheSameRuleId() throws Exception {
        index.install(gambling("acme", "sites", 1));
        index.install(gambling("globex", "sites", 7));
        index.install(gambling("globex", "more", 1));
        assertThat(index.countForOrg("acme")).isOne();
        assertThat(index.countForOrg("globex")).isEqualTo(2);
        assertThat(candidates(visit("acme", "Gambling"))).containsExactly("sites v1");
        index.remove(RuleDefinition.key("globex", "sites"));
        assertThat(candidates(visit("acme", "Gambling")))
                .as("acme's rule of the same id stays")
                .containsExactly("sites v1");
        assertThat(candidates(visit("unknown-org", "Gambling"))).isEmpty();
    }

    @Test
    void anUnchangedDefinitionKeepsItsCompiledRuleAndAChangedOneIsRecompiled() throws Exception {
        CompiledRule first = index.install(gambling("acme", "sites", 1));
        assertThat(index.install(gambling("acme", "sites", 1)))
                .as("restored or repeated: no recompilation")
                .isSameAs(first);
        assertThat(index.install(gambling("acme", "sites", 2))).isNotSameAs(first);
    }
}
