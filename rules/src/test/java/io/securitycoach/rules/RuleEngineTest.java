package io.securitycoach.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.schema.UserProfile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleEngineTest {
    private static final long MIN = 60_000;
    private final RuleEngine engine = new RuleEngine(5_000);
    private final RuleIndex index = new RuleIndex();
    private final MemoryProgressStore progress = new MemoryProgressStore();

    private void rule(String yaml) throws Exception {
        index.install(
                RuleParser.parse(
                        "org: acme\n"
                                + "coach:\n"
                                + "  module: m\n"
                                + "  channels: [slack]\n"
                                + "  message: '{summary}'\n"
                                + yaml,
                        "t"));
    }

    private static SecurityEvent okta(String uid, long minute, String activity, String ip) {
        SecurityEvent e = new SecurityEvent();
        e.orgId = "acme";
        e.eventUid = uid;
        e.vendor = "okta";
        e.eventClass = "auth";
        e.activity = activity;
        e.actorIp = ip;
        e.eventTime = 1_795_170_000_000L + minute * MIN;
        e.userId = "u-1";
        return e;
    }

    private List<String> feed(SecurityEvent... events) throws Exception {
        List<String> fired = new ArrayList<>();
        for (SecurityEvent e : events) {
            for (Detection d :
                    engine.evaluate(
                            index.candidates(e),
                            e,
                            progress,
                            0,
                            (r, err) -> fired.add("error " + err.getMessage()))) {
                fired.add(d.ruleId + ":" + String.join(",", d.eventUids));
            }
        }
        return fired;
    }

    @Test
    void thresholdFiresTheMomentTheCountIsReachedThenCountsAfresh() throws Exception {
        rule(
                "id: push-fatigue\n"
                        + "when: event.activity == 'deny_push'\n"
                        + "threshold: {count: 3, within: 10m}\n");
        assertThat(
                        feed(
                                okta("d1", 0, "deny_push", null),
                                okta("x", 1, "login", null),
                                okta("d2", 4, "deny_push", null)))
                .isEmpty();
        assertThat(feed(okta("d3", 9, "deny_push", null))).containsExactly("push-fatigue:d1,d2,d3");
        assertThat(feed(okta("d4", 10, "deny_push", null), okta("d5", 11, "deny_push", null)))
                .isEmpty();
        assertThat(feed(okta("d6", 30, "deny_push", null)))
                .as("d4, d5 are more than 10m before d6")
                .isEmpty();
    }

    @Test
    void thresholdCountsEventsWhateverOrderTheyArriveIn() throws Exception {
        rule("id: t\nwhen: event.activity == 'deny_push'\nthreshold: {count: 3, within: 10m}\n");
        assertThat(feed(okta("d3", 9, "deny_push", null), okta("d1", 0, "deny_push", null)))
                .isEmpty();
        assertThat(feed(okta("d2", 5, "deny_push", null))).containsExactly("t:d1,d2,d3");
    }

    @Test
    void distinctThresholdCountsValuesNotEvents() throws Exception {
        rule(
                "id: many-ips\n"
                        + "when: event.activity == 'login'\n"
                        + "threshold: {count: 3, within: 1h, distinct: actor_ip}\n");
        assertThat(
                        feed(
                                okta("a", 0, "login", "1.1.1.1"),
                                okta("b", 1, "login", "1.1.1.1"),
                                okta("c", 2, "login", "2.2.2.2"),
                                okta("d", 3, "login", "2.2.2.2")))
                .isEmpty();
        assertThat(feed(okta("e", 4, "login", "3.3.3.3"))).containsExactly("many-ips:b,d,e");
    }

    @Test
    void sequenceFiresOnTheLastStepInEventTimeOrder() throws Exception {
        rule(
                "id: fail-then-success\n"
                        + "when: event.class == 'auth'\n"
                        + "sequence:\n"
                        + "  within: 15m\n"
                        + "  steps:\n"
                        + "    - event.activity == 'login_failed'\n"
                        + "    - event.activity == 'login'\n");
        assertThat(feed(okta("s0", 0, "login", null))).as("success before any failure").isEmpty();
        assertThat(feed(okta("f1", 2, "login_failed", null))).isEmpty();
        assertThat(feed(okta("s1", 5, "login", null))).containsExactly("fail-then-success:f1,s1");
        assertThat(feed(okta("s2", 6, "login", null))).as("steps are consumed").isEmpty();
    }

    @Test
    void sequenceCompletedByALateEarlierStepFires() throws Exception {
        rule(
                "id: seq\n"
                        + "when: 'true'\n"
                        + "sequence:\n"
                        + "  within: 15m\n"
                        + "  steps: [\"event.activity == 'a'\", \"event.activity == 'b'\"]\n");
        assertThat(feed(okta("b1", 5, "b", null))).isEmpty();
        assertThat(feed(okta("a1", 3, "a", null))).containsExactly("seq:a1,b1");
        assertThat(feed(okta("a2", 10, "a", null), okta("b2", 40, "b", null)))
                .as("outside the window")
                .isEmpty();
    }

    @Test
    void suppressionLetsOneDetectionThroughPerWindowAndStillConsumesProgress() throws Exception {
        rule(
                "id: t\n"
                        + "when: event.activity == 'deny_push'\n"
                        + "threshold: {count: 2, within: 10m}\n"
                        + "suppress: 1h\n");
        assertThat(feed(okta("d1", 0, "deny_push", null), okta("d2", 1, "deny_push", null)))
                .containsExactly("t:d1,d2");
        assertThat(feed(okta("d3", 2, "deny_push", null), okta("d4", 3, "deny_push", null)))
                .isEmpty();
        assertThat(progress.get("acme/t").size()).as("suppressed match consumed").isZero();
        assertThat(feed(okta("d5", 70, "deny_push", null), okta("d6", 71, "deny_push", null)))
                .containsExactly("t:d5,d6");
    }

    @Test
    void scopeLimitsWhoARuleAppliesTo() throws Exception {
        rule("id: s\nwhen: event.activity == 'login'\nscope: user.department != 'Security'\n");
        SecurityEvent unknown = okta("e1", 0, "login", null);
        assertThat(feed(unknown))
                .as("an unknown user has no department: in scope")
                .containsExactly("s:e1");
        SecurityEvent analyst = okta("e2", 0, "login", null);
        analyst.user = new UserProfile();
        analyst.user.department = "Security";
        assertThat(feed(analyst)).isEmpty();
    }

    @Test
    void scopeMayNotReadTheEvent() {
        assertThatThrownBy(() -> rule("id: s\nwhen: 'true'\nscope: event.vendor == 'okta'\n"))
                .isInstanceOfSatisfying(
                        RuleRejectedException.class,
                        e -> assertThat(e.problems().get(0).path).isEqualTo("scope"));
    }

    @Test
    void progressIsBoundedPerRuleAndUser() throws Exception {
        rule("id: t\nwhen: event.activity == 'x'\nthreshold: {count: 1000, within: 7d}\n");
        for (int i = 0; i < RuleEngine.MAX_ENTRIES + 500; i++) {
            feed(okta("e" + i, i % 100, "x", null));
        }
        assertThat(progress.get("acme/t").size()).isLessThanOrEqualTo(RuleEngine.MAX_ENTRIES);
    }

    private static SecurityEvent event(String org, String cls, String category) {
        SecurityEvent e = new SecurityEvent();
        e.orgId = org;
        e.eventClass = cls;
        e.urlCategory = category;
        return e;
    }

    private List<String> candidates(SecurityEvent e) {
        List<String> ids = new ArrayList<>();
        index.candidates(e).forEach(r -> ids.add(r.definition().ruleId));
        return ids;
    }

    @Test
    void rulesAreIndexedByTheClassAndValuesTheyRequire() throws Exception {
        rule("id: web-gambling\nwhen: event.class == 'web' && event.url_category == 'Gambling'\n");
        rule(
                "id: web-adult\n"
                    + "when: event.class == 'web' && event.url_category in ['Adult', 'Nudity'] &&"
                    + " event.action == 'allowed'\n");
        rule("id: two\nwhen: event.class in ['web', 'email'] && true\n");
        rule("id: any\nwhen: event.vendor == 'okta' || event.class == 'web'\n");
        assertThat(candidates(event("acme", "web", "Gambling")))
                .containsExactly("any", "two", "web-gambling");
        assertThat(candidates(event("acme", "web", "Nudity")))
                .containsExactly("any", "two", "web-adult");
        assertThat(candidates(event("acme", "web", "News"))).containsExactly("any", "two");
        assertThat(candidates(event("acme", "auth", "Gambling"))).containsExactly("any");
        assertThat(candidates(event("acme", "email", null))).containsExactly("any", "two");
        assertThat(candidates(event("globex", "web", "Gambling"))).isEmpty();
    }

    @Test
    void parserValidatesThresholdAndSequence() {
        assertThatThrownBy(
                        () ->
                                RuleParser.parse(
                                        "id: t\n"
                                            + "org: a\n"
                                            + "when: 'true'\n"
                                            + "threshold: {count: 1, within: 9d, distinct: nope}\n"
                                            + "sequence: {within: 1m, steps: ['true']}\n"
                                            + "coach: {module: m, channels: [slack], message: x}\n",
                                        "t"))
                .isInstanceOfSatisfying(
                        RuleRejectedException.class,
                        e ->
                                assertThat(e.problems())
                                        .extracting(err -> err.path)
                                        .containsExactlyInAnyOrder(
                                                "threshold.count",
                                                "threshold.within",
                                                "threshold.distinct",
                                                "sequence.steps",
                                                "threshold"));
    }
}
